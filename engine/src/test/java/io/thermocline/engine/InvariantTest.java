package io.thermocline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.hotstore.HotStoreSettings;
import io.thermocline.testkit.TestSeed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invariant of DESIGN.md section 3: every committed row is visible exactly once at every
 * snapshot. Two writers insert, update (values and aging flags) and delete in multi-statement
 * transactions; a mover moves batches both ways; the maintenance thread merges hot deltas and
 * compacts the cold tier (and the mover forces passes); three readers each take a snapshot and
 * check, several times while it ages, the exact row count, the exact sum, that no id is seen twice
 * (full scan), and the pushed-down aggregates (whole table and split by a time predicate) against a
 * ledger of committed (commit id, count, sum) kept by the writers.
 *
 * <p>Runs {@code thermo.invariant.seconds} seconds (default 30; 300 with {@code -Plong}). Replay a
 * run with {@code -Dthermo.seed=N}.
 */
class InvariantTest {
  private static final String T = "inv";
  private static final long T0 = 1_700_000_000_000_000L;
  private static final long MID = T0 + 500_000_000L;
  private static final Schema SCHEMA =
      new Schema(
          List.of(
              Column.notNull("id", DataType.BIGINT),
              Column.nullable("grp", DataType.INTEGER),
              Column.notNull("v", DataType.BIGINT),
              Column.notNull("ts", DataType.TIMESTAMP)),
          List.of("id"),
          "ts");

  @TempDir Path dir;

  /** Count and sum of v of the committed table after a commit. */
  private record Totals(long count, long sum) {}

  private final TreeMap<Long, Totals> ledger = new TreeMap<>();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong nextId = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();
  private final AtomicLong snapshotsChecked = new AtomicLong();
  private final AtomicLong checks = new AtomicLong();
  private final AtomicLong movesToCold = new AtomicLong();
  private final AtomicLong movesToHot = new AtomicLong();
  private final AtomicLong rowsToCold = new AtomicLong();
  private final AtomicLong rowsToHot = new AtomicLong();
  private long seed;

  @Test
  void everySnapshotSeesEveryCommittedRowExactlyOnce(TestInfo info) throws Exception {
    seed = TestSeed.resolve("InvariantTest." + info.getDisplayName());
    long seconds = Long.getLong("thermo.invariant.seconds", TestSeed.longMode() ? 300 : 30);
    Config config =
        Config.defaults()
            .with(ColdSettings.SYNC_METADATA, false)
            .with(ColdSettings.ROW_GROUP_ROWS, 512)
            .with(ColdSettings.PAGE_ROWS, 128)
            .with(ColdSettings.SMALL_FILE_ROWS, 2_000L)
            .with(HotStoreSettings.MERGE_DELTA_ROWS, 3_000L)
            .with(HotStoreSettings.BATCH_SIZE, 512)
            .with(EngineSettings.MAINTENANCE_INTERVAL_MS, 50L)
            .with(EngineSettings.COLD_COMPACTION_CHANGES, 300L)
            .with(EngineSettings.COLD_COMPACTION_FILES, 12);
    try (Database db = Thermocline.open(dir, config)) {
      db.session().createTable(TableDefinition.hybrid(T, SCHEMA));
      synchronized (ledger) {
        ledger.put(db.lastCommitted(), new Totals(0, 0));
      }
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        Random rnd = new Random(seed * 31 + w);
        threads.add(loop("writer-" + w, () -> writeOnce(db, rnd)));
      }
      Random moverRnd = new Random(seed * 17);
      threads.add(loop("mover", () -> moveOnce(db, moverRnd)));
      for (int r = 0; r < 3; r++) {
        Random rnd = new Random(seed * 13 + r);
        threads.add(loop("reader-" + r, () -> readOnce(db, rnd)));
      }
      threads.forEach(Thread::start);
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      try {
        await("[seed=" + seed + "] invariant run")
            .atMost(Duration.ofSeconds(seconds + 120))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    !failures.isEmpty()
                        || (System.nanoTime() > deadline
                            && movesToCold.get() > 0
                            && movesToHot.get() > 0
                            && db.maintenance().mergeCount() > 0
                            && db.maintenance().compactionCount() > 0));
      } finally {
        stop.set(true);
        System.out.println(progress(db));
        for (Thread t : threads) {
          t.join(120_000);
        }
      }
      if (!failures.isEmpty()) {
        AssertionError e = new AssertionError("[seed=" + seed + "] a thread failed");
        failures.forEach(e::addSuppressed);
        throw e;
      }
      Transaction last;
      Totals want;
      synchronized (ledger) {
        last = db.session().begin();
        want = ledger.floorEntry(last.snapshot()).getValue();
      }
      try (last) {
        check(last, want, 1);
      }
      System.out.printf(
          "[seed=%d] %d s: %d commits, %d conflicts, %d snapshots checked (%d checks), "
              + "moves to cold %d (%d rows), to hot %d (%d rows), %d hot merges, "
              + "%d cold compactions, %d maintenance failures, %d violations%n",
          seed,
          seconds,
          commits.get(),
          conflicts.get(),
          snapshotsChecked.get(),
          checks.get(),
          movesToCold.get(),
          rowsToCold.get(),
          movesToHot.get(),
          rowsToHot.get(),
          db.maintenance().mergeCount(),
          db.maintenance().compactionCount(),
          db.maintenance().failureCount(),
          violations.size());
      assertThat(violations).as("[seed=%d] violations", seed).isEmpty();
      assertThat(db.maintenance().failureCount())
          .as("[seed=%d] maintenance failures: %s", seed, db.maintenance().lastFailure())
          .isZero();
      assertThat(snapshotsChecked.get()).isPositive();
    }
  }

  private String progress(Database db) {
    return String.format(
        "[seed=%d] progress: %d commits, %d conflicts, %d snapshots, moves %d/%d, merges %d,"
            + " compactions %d, maintenance failures %d (%s), violations %d",
        seed,
        commits.get(),
        conflicts.get(),
        snapshotsChecked.get(),
        movesToCold.get(),
        movesToHot.get(),
        db.maintenance().mergeCount(),
        db.maintenance().compactionCount(),
        db.maintenance().failureCount(),
        db.maintenance().lastFailure(),
        violations.size());
  }

  private Thread loop(String name, Runnable step) {
    return new Thread(
        () -> {
          try {
            while (!stop.get() && failures.isEmpty()) {
              step.run();
            }
          } catch (Throwable t) {
            failures.add(new AssertionError(name + " failed [seed=" + seed + "]", t));
          }
        },
        name);
  }

  // ---------------------------------------------------------------- writers

  private void writeOnce(Database db, Random rnd) {
    try (Session s = db.session();
        Transaction tx = s.begin()) {
      long dCount = 0;
      long dSum = 0;
      int statements = 1 + rnd.nextInt(3);
      for (int i = 0; i < statements; i++) {
        int op = rnd.nextInt(10);
        long hi = Math.max(1, nextId.get());
        long from = (long) (rnd.nextDouble() * hi);
        if (op < 4) {
          int n = 1 + rnd.nextInt(40);
          List<Object[]> rows = new ArrayList<>();
          for (int k = 0; k < n; k++) {
            long id = nextId.getAndIncrement();
            long v = rnd.nextInt(2_000_001) - 1_000_000;
            long ts = T0 + (long) (rnd.nextDouble() * 1_000_000_000L);
            Integer grp = rnd.nextInt(8) == 0 ? null : rnd.nextInt(16);
            rows.add(new Object[] {id, grp, v, ts, rnd.nextInt(3) == 0});
            dCount++;
            dSum += v;
          }
          tx.insertRows(T, rows);
        } else if (op < 6) {
          long delta = rnd.nextInt(1_001) - 500;
          Expr f = Expr.between("id", from, from + rnd.nextInt(30));
          long n =
              tx.update(
                  T,
                  f,
                  row -> {
                    row[2] = (Long) row[2] + delta;
                    return row;
                  });
          dSum += n * delta;
        } else if (op < 8) {
          boolean aged = rnd.nextBoolean();
          tx.update(T, Expr.between("id", from, from + rnd.nextInt(60)), Map.of("_aged", aged));
        } else {
          Expr f = Expr.between("id", from, from + rnd.nextInt(20));
          Object[] agg =
              tx.aggregate(
                      T,
                      f,
                      AggregateSpec.of(
                          List.of(), AggregateCall.countStar(), AggregateCall.sum("v")))
                  .rows()
                  .get(0);
          long n = tx.delete(T, f);
          if (n != (Long) agg[0]) {
            violations.add("delete removed " + n + " rows but its view counted " + agg[0]);
          }
          dCount -= n;
          dSum -= agg[1] == null ? 0 : (Long) agg[1];
        }
      }
      synchronized (ledger) {
        long cid = tx.commit();
        Totals prev = ledger.lastEntry().getValue();
        ledger.put(cid, new Totals(prev.count() + dCount, prev.sum() + dSum));
      }
      commits.incrementAndGet();
    } catch (ThermoException e) {
      if (e.code() != ErrorCode.SERIALIZATION_FAILURE) {
        throw e;
      }
      conflicts.incrementAndGet();
    }
  }

  // ---------------------------------------------------------------- mover

  private void moveOnce(Database db, Random rnd) {
    long toCold = db.moveBatch(T, MoveDirection.TO_COLD, 1 + rnd.nextInt(400));
    if (toCold > 0) {
      movesToCold.incrementAndGet();
      rowsToCold.addAndGet(toCold);
    }
    long toHot = db.moveBatch(T, MoveDirection.TO_HOT, 1 + rnd.nextInt(200));
    if (toHot > 0) {
      movesToHot.incrementAndGet();
      rowsToHot.addAndGet(toHot);
    }
    if (rnd.nextInt(20) == 0) {
      db.runMaintenance();
    }
  }

  // ---------------------------------------------------------------- readers

  private void readOnce(Database db, Random rnd) {
    try (Session s = db.session()) {
      Transaction tx;
      Totals want;
      synchronized (ledger) {
        tx = s.begin();
        want = ledger.floorEntry(tx.snapshot()).getValue();
      }
      try (tx) {
        check(tx, want, 2 + rnd.nextInt(3));
      }
      snapshotsChecked.incrementAndGet();
    }
  }

  /** Checks the snapshot of {@code tx} {@code times} times, recording every violation. */
  private void check(Transaction tx, Totals want, int times) {
    String ctx = "[seed=" + seed + "] snapshot " + tx.snapshot();
    for (int i = 0; i < times; i++) {
      long rows = 0;
      long sum = 0;
      Set<Long> ids = new HashSet<>();
      long twice = 0;
      try (BatchCursor c = tx.scan(T, List.of("id", "v"), null)) {
        for (ColumnBatch b = c.next(); b != null; b = c.next()) {
          LongVector id = (LongVector) b.column(0);
          LongVector v = (LongVector) b.column(1);
          for (int r = 0; r < b.rowCount(); r++) {
            if (!ids.add(id.get(r))) {
              twice++;
            }
            sum += v.get(r);
            rows++;
          }
        }
      }
      if (rows != want.count() || sum != want.sum() || twice > 0) {
        violations.add(
            ctx
                + " scan "
                + i
                + ": "
                + rows
                + " rows, sum "
                + sum
                + ", "
                + twice
                + " ids twice; ledger "
                + want);
      }
      Object[] agg =
          tx.aggregate(
                  T,
                  null,
                  AggregateSpec.of(List.of(), AggregateCall.countStar(), AggregateCall.sum("v")))
              .rows()
              .get(0);
      long aggSum = agg[1] == null ? 0 : (Long) agg[1];
      if ((Long) agg[0] != want.count() || aggSum != want.sum()) {
        violations.add(
            ctx + " aggregate " + i + ": " + agg[0] + " rows, sum " + aggSum + "; ledger " + want);
      }
      long early = tx.count(T, Expr.lt("ts", MID));
      long late = tx.count(T, Expr.ge("ts", MID));
      if (early + late != want.count()) {
        violations.add(
            ctx + " split by time " + i + ": " + early + " + " + late + "; ledger " + want);
      }
      checks.incrementAndGet();
    }
  }
}
