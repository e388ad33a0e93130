package io.thermocline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.durability.CommitLog;
import io.thermocline.engine.durability.CommitRecord;
import io.thermocline.recovery.wal.FsyncPolicy;
import io.thermocline.recovery.wal.WalSettings;
import io.thermocline.testkit.TestSeed;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit under the SYNC fsync policy: committers release the commit lock while they wait for
 * the log, and publish in commit-id order. Many committers insert new rows, increment one counter
 * row (read-modify-write, retried on conflicts) and insert keys from a small contended range, while
 * readers take snapshots and checkpoints, moves and DDL run in between. Checked: a commit is
 * visible to its committer when acknowledged; every snapshot holds exactly the commits with ids up
 * to it (never id N+1 without N); a published id's log record was durable when a reader saw it; no
 * increment is lost and no key inserted twice (conflict and key checks see commits still waiting
 * for the log); concurrent commits share fsyncs; every acknowledged change is back after a reopen.
 */
class GroupCommitTest {
  private static final String T = "orders";
  private static final LocalDateTime DAY = LocalDateTime.of(2024, 3, 1, 0, 0);
  private static final long COUNTER = 2_000_000L;
  private static final long CONTENDED = 1_000_000L;
  private static final int CONTENDED_KEYS = 40;

  @TempDir Path dir;

  /** What a reader saw: its snapshot, the durable LSN right after, the plain ids it read. */
  private record Sample(long snapshot, long durableLsn, long[] ids) {}

  private static Config config() {
    return EngineTestDb.config().with(WalSettings.FSYNC_POLICY, FsyncPolicy.SYNC);
  }

  @Test
  void manyCommittersGetDurableCommitsVisibleInIdOrder() throws Exception {
    long seed = TestSeed.resolve("GroupCommitTest");
    int committers = 12;
    int commitsEach = 30;
    Map<Long, List<Long>> insertedBy = new ConcurrentHashMap<>(); // cid -> plain ids
    Set<Long> contendedWon = ConcurrentHashMap.newKeySet();
    AtomicLong increments = new AtomicLong();
    AtomicLong commits = new AtomicLong();
    ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    long fsyncsBefore;
    try (Database db = Thermocline.open(dir, config());
        Session setup = db.session()) {
      setup.createTable(TableDefinition.hybrid(T, EngineTestDb.ORDERS));
      setup.insert(T, COUNTER, "emea", new BigDecimal("0.00"), DAY, false);
      fsyncsBefore = db.commitLog().wal().stats().fsyncs();
      AtomicLong ids = new AtomicLong();
      AtomicBoolean done = new AtomicBoolean();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(committers + 2);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < committers; w++) {
        SplittableRandom random = new SplittableRandom(seed + w);
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  try (Session s = db.session()) {
                    for (int i = 0; i < commitsEach; i++) {
                      int kind = random.nextInt(4);
                      long cid;
                      if (kind == 0) {
                        cid = increment(s);
                        increments.incrementAndGet();
                      } else if (kind == 1) {
                        long key = CONTENDED + random.nextInt(CONTENDED_KEYS);
                        cid = insertContended(s, key);
                        if (cid >= 0) {
                          assertThat(contendedWon.add(key)).as("key %d won twice", key).isTrue();
                        }
                      } else {
                        List<Long> mine = new ArrayList<>();
                        for (int r = 1 + random.nextInt(3); r > 0; r--) {
                          mine.add(ids.incrementAndGet());
                        }
                        cid = insertPlain(s, mine);
                        insertedBy.put(cid, mine);
                      }
                      if (cid >= 0) {
                        commits.incrementAndGet();
                        assertThat(db.lastCommitted()).isGreaterThanOrEqualTo(cid);
                      }
                    }
                  }
                  return null;
                }));
      }
      Future<?> reader =
          pool.submit(
              () -> {
                start.await();
                try (Session s = db.session()) {
                  while (!done.get()) {
                    try (Transaction tx = s.begin()) {
                      long snapshot = tx.snapshot();
                      long durable = db.commitLog().wal().durableLsn();
                      long[] seen =
                          tx.rows(T, List.of("id"), Expr.lt("id", CONTENDED)).stream()
                              .mapToLong(row -> (Long) row[0])
                              .sorted()
                              .toArray();
                      if (samples.size() < 3_000) {
                        samples.add(new Sample(snapshot, durable, seen));
                      }
                    }
                  }
                }
                return null;
              });
      Future<?> exclusive =
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 30 && !done.get(); i++) {
                  switch (i % 3) {
                    case 0 -> db.checkpoint();
                    case 1 -> db.moveBatch(T, io.thermocline.engine.move.MoveDirection.TO_COLD, 10);
                    default -> {
                      try (Session s = db.session()) {
                        s.createTable(TableDefinition.hot("side" + i, EngineTestDb.ORDERS));
                      }
                    }
                  }
                }
                return null;
              });
      start.countDown();
      for (Future<?> f : writers) {
        f.get(5, TimeUnit.MINUTES);
      }
      done.set(true);
      reader.get(1, TimeUnit.MINUTES);
      exclusive.get(1, TimeUnit.MINUTES);
      pool.shutdown();

      long fsyncs = db.commitLog().wal().stats().fsyncs() - fsyncsBefore;
      System.out.printf(
          "GroupCommitTest seed %d: %d commits, %d fsyncs, %d samples%n",
          seed, commits.get(), fsyncs, samples.size());

      Map<Long, Long> commitLsn = commitRecordLsns(db.commitLog());
      TreeMap<Long, List<Long>> byCid = new TreeMap<>(insertedBy);
      assertThat(samples).isNotEmpty();
      for (Sample sample : samples) {
        long[] expected =
            byCid.headMap(sample.snapshot(), true).values().stream()
                .flatMap(List::stream)
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();
        assertThat(sample.ids())
            .as("seed %d: rows at snapshot %d", seed, sample.snapshot())
            .containsExactly(expected);
        Long lsn = commitLsn.get(sample.snapshot());
        if (lsn != null) {
          assertThat(lsn)
              .as("seed %d: commit %d visible before durable", seed, sample.snapshot())
              .isLessThanOrEqualTo(sample.durableLsn());
        }
      }
      try (Session s = db.session()) {
        checkState(s, insertedBy, contendedWon, increments.get(), seed);
      }
    }
    try (Database db = Thermocline.open(dir, config());
        Session s = db.session()) {
      checkState(s, insertedBy, contendedWon, increments.get(), seed);
    }
  }

  @Test
  void concurrentCommitsShareFsyncs() throws Exception {
    int committers = 8;
    int commitsEach = 50;
    try (Database db = Thermocline.open(dir, config());
        Session setup = db.session()) {
      setup.createTable(TableDefinition.hot(T, EngineTestDb.ORDERS));
      long fsyncsBefore = db.commitLog().wal().stats().fsyncs();
      AtomicLong ids = new AtomicLong();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(committers);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < committers; w++) {
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  try (Session s = db.session()) {
                    for (int i = 0; i < commitsEach; i++) {
                      long id = ids.incrementAndGet();
                      s.insert(T, id, "emea", BigDecimal.ONE, DAY.plusSeconds(id));
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : writers) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
      long fsyncs = db.commitLog().wal().stats().fsyncs() - fsyncsBefore;
      long commits = (long) committers * commitsEach;
      System.out.printf("GroupCommitTest: %d commits, %d fsyncs%n", commits, fsyncs);
      // Without group commit each commit waits for its own fsync under the commit lock.
      assertThat(fsyncs).isLessThan(commits * 3 / 4);
      assertThat(setup.count(T, null)).isEqualTo(commits);
    }
  }

  /** Every acknowledged plain row, contended key and increment, nothing else. */
  private static void checkState(
      Session s,
      Map<Long, List<Long>> insertedBy,
      Set<Long> contended,
      long increments,
      long seed) {
    Set<Long> plain = new TreeSet<>();
    insertedBy.values().forEach(plain::addAll);
    Set<Long> seen = new TreeSet<>();
    for (Object[] row : s.rows(T, List.of("id"), Expr.lt("id", CONTENDED))) {
      assertThat(seen.add((Long) row[0])).isTrue();
    }
    assertThat(seen).as("seed %d", seed).isEqualTo(plain);
    Set<Long> keys = new TreeSet<>();
    for (Object[] row :
        s.rows(T, List.of("id"), Expr.between("id", CONTENDED, CONTENDED + CONTENDED_KEYS))) {
      assertThat(keys.add((Long) row[0])).as("seed %d: key %s twice", seed, row[0]).isTrue();
    }
    assertThat(keys).as("seed %d", seed).isEqualTo(new TreeSet<>(contended));
    Object[] counter = s.rows(T, List.of("amount"), Expr.eq("id", COUNTER)).get(0);
    assertThat((Long) counter[0]).as("seed %d", seed).isEqualTo(increments * 100);
  }

  /** The LSN of each commit's COMMIT or DDL record. */
  private static Map<Long, Long> commitRecordLsns(CommitLog log) {
    Map<Long, Long> out = new TreeMap<>();
    for (CommitLog.Logged l : log.readFrom(1)) {
      CommitRecord.Kind k = l.record().kind();
      if (k == CommitRecord.Kind.COMMIT || k == CommitRecord.Kind.DDL) {
        out.put(l.record().cid(), l.lsn());
      }
    }
    return out;
  }

  private static long insertPlain(Session s, List<Long> ids) {
    try (Transaction tx = s.begin()) {
      for (long id : ids) {
        tx.insert(T, id, "apac", BigDecimal.ONE, DAY.plusSeconds(id), id % 5 == 0);
      }
      return tx.commit();
    }
  }

  /** The commit id, or -1 when the key was taken (by a commit published or not yet). */
  private static long insertContended(Session s, long key) {
    try (Transaction tx = s.begin()) {
      tx.insert(T, key, "emea", BigDecimal.ONE, DAY, false);
      return tx.commit();
    } catch (ThermoException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
      return -1;
    }
  }

  /** Adds 1 to the counter row at the transaction's snapshot, retrying write-write conflicts. */
  private static long increment(Session s) {
    while (true) {
      try (Transaction tx = s.begin()) {
        Object[] row = tx.rows(T, List.of("amount"), Expr.eq("id", COUNTER)).get(0);
        // Rows come back as storage values: a DECIMAL(12,2) as its unscaled long.
        BigDecimal next = BigDecimal.valueOf((Long) row[0] + 100, 2);
        tx.update(T, Expr.eq("id", COUNTER), Map.of("amount", next));
        return tx.commit();
      } catch (ThermoException e) {
        if (e.code() != ErrorCode.SERIALIZATION_FAILURE) {
          throw e;
        }
      }
    }
  }
}
