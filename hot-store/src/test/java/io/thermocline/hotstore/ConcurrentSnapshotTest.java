package io.thermocline.hotstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.testkit.TestSeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The invariant of DESIGN.md section 3 for one partition: while two writers (taking turns, as the
 * engine's single committer does) insert, delete and move rows and a {@link DeltaMerger} merges in
 * the background, every reader sees at its snapshot exactly the rows committed at or before it: row
 * count, exact sum and distinct ids checked by count, aggregate and a full scan. A few seconds by
 * default, longer with {@code -Dthermo.test.long=true}.
 */
public class ConcurrentSnapshotTest {
  protected static final Schema SCHEMA =
      Schema.of(
          Column.notNull("id", DataType.BIGINT),
          Column.nullable("host", DataType.varchar(16)),
          Column.notNull("v", DataType.BIGINT));

  /** The partition under test; a subclass tests series mains. */
  protected ColumnPartition partition(String name, Config config) {
    return new ColumnPartition(name, SCHEMA, config);
  }

  /** What the table holds after a commit: rows, sum of v. */
  private record Totals(long rows, long sum) {}

  @Test
  public void everySnapshotSeesExactlyItsCommits(TestInfo info) throws Exception {
    long seed = TestSeed.resolve(info.getDisplayName());
    long millis = TestSeed.longMode() ? 30_000 : 3_000;
    Config config =
        Config.defaults()
            .with(HotStoreSettings.MERGE_DELTA_ROWS, 3_000L)
            .with(HotStoreSettings.MERGE_CHECK_INTERVAL_MS, 2L)
            .with(HotStoreSettings.MERGE_PARALLELISM, 2)
            .with(HotStoreSettings.BATCH_SIZE, 512);
    SnapshotRegistry registry = new SnapshotRegistry();
    NavigableMap<Long, Totals> totals = new ConcurrentSkipListMap<>();
    totals.put(0L, new Totals(0, 0));
    TreeMap<Long, Long> live = new TreeMap<>();
    Object committer = new Object();
    long[] state = {0, 0}; // last cid, next id
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    AtomicLong commits = new AtomicLong();
    try (ColumnPartition p = partition("invariant", config);
        DeltaMerger merger = new DeltaMerger(config, registry::oldest)) {
      merger.register(p);
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        Random rnd = new Random(seed * 31 + w);
        threads.add(
            worker(
                "writer-" + w,
                stop,
                failures,
                () -> {
                  synchronized (committer) {
                    long cid = ++state[0];
                    commit(p, rnd, cid, state, live);
                    long sum = 0;
                    for (long v : live.values()) {
                      sum += v;
                    }
                    totals.put(cid, new Totals(live.size(), sum));
                    registry.publish(cid);
                    commits.incrementAndGet();
                  }
                }));
      }
      for (int r = 0; r < 2; r++) {
        Random rnd = new Random(seed * 17 + r);
        threads.add(
            worker(
                "reader-" + r,
                stop,
                failures,
                () -> {
                  long s =
                      registry.open((lo, hi) -> lo + (long) (rnd.nextDouble() * (hi - lo + 1)));
                  try {
                    check(p, s, totals.floorEntry(s), seed);
                    reads.incrementAndGet();
                  } finally {
                    registry.close(s);
                  }
                }));
      }
      threads.forEach(Thread::start);
      long deadline = System.nanoTime() + millis * 1_000_000L;
      try {
        await("[seed=" + seed + "] background merges")
            .atMost(Duration.ofSeconds(120))
            .until(
                () ->
                    !failures.isEmpty()
                        || System.nanoTime() > deadline && merger.mergeCount() >= 3);
      } finally {
        stop.set(true);
        for (Thread t : threads) {
          t.join(60_000);
        }
      }
      if (!failures.isEmpty()) {
        AssertionError e = new AssertionError("[seed=" + seed + "] a thread failed");
        failures.forEach(e::addSuppressed);
        throw e;
      }
      System.out.printf(
          "[seed=%d] %d commits, %d reads, %d merges, %d failed merges%n",
          seed, commits.get(), reads.get(), merger.mergeCount(), merger.failureCount());
      assertThat(merger.failureCount()).as("[seed=%d] %s", seed, merger.lastFailure()).isZero();
      assertThat(reads.get()).isPositive();
      long last = registry.published();
      check(p, last, totals.floorEntry(last), seed);
    }
  }

  private static Thread worker(
      String name, AtomicBoolean stop, ConcurrentLinkedQueue<Throwable> failures, Runnable step) {
    return new Thread(
        () -> {
          try {
            while (!stop.get() && failures.isEmpty()) {
              step.run();
            }
          } catch (Throwable t) {
            failures.add(t);
          }
        },
        name);
  }

  /** One commit: a batch insert, a delete of an id range, or a move of a few rows. */
  private static void commit(
      ColumnPartition p, Random rnd, long cid, long[] state, TreeMap<Long, Long> live) {
    int op = rnd.nextInt(10);
    if (op < 6 || live.size() < 100) {
      int n = 1 + rnd.nextInt(op == 0 ? 5000 : 200);
      long[] ids = new long[n];
      long[] vs = new long[n];
      String[] hosts = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = ++state[1];
        vs[i] = rnd.nextInt(1_000_000) - 500_000;
        hosts[i] = rnd.nextInt(10) == 0 ? null : "h" + rnd.nextInt(20);
        live.put(ids[i], vs[i]);
      }
      if (rnd.nextBoolean()) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          rows.add(new Object[] {ids[i], hosts[i], vs[i]});
        }
        p.insertRows(cid, rows);
      } else {
        p.insert(
            cid,
            new ColumnBatch(
                SCHEMA,
                n,
                new ColumnVector[] {
                  new LongVector(DataType.BIGINT, ids, n, null),
                  stringVector(hosts),
                  new LongVector(DataType.BIGINT, vs, n, null)
                }));
      }
    } else if (op < 8) {
      long from = live.firstKey() + rnd.nextInt((int) Math.min(Integer.MAX_VALUE, state[1]));
      long to = from + rnd.nextInt(300);
      long ended = p.endRows(cid, cid - 1, Expr.between("id", from, to));
      Map<Long, Long> gone = live.subMap(from, true, to, true);
      assertThat(ended).as("rows ended by delete at %d", cid).isEqualTo(gone.size());
      gone.clear();
    } else {
      long from = live.firstKey() + rnd.nextInt((int) Math.min(Integer.MAX_VALUE, state[1]));
      ColumnBatch moved = p.endRowsReturning(cid, cid - 1, Expr.ge("id", from), 50);
      assertThat(moved.rowCount())
          .as("rows moved at %d", cid)
          .isEqualTo(Math.min(50, live.tailMap(from, true).size()));
      for (Object[] row : moved.rows()) {
        Long v = live.remove((Long) row[0]);
        assertThat(v).as("moved row %s at %d", row[0], cid).isEqualTo(row[2]);
      }
    }
  }

  private static StringVector stringVector(String[] hosts) {
    long[] nulls = null;
    for (int i = 0; i < hosts.length; i++) {
      if (hosts[i] == null) {
        nulls = nulls == null ? new long[(hosts.length + 63) / 64] : nulls;
        nulls[i >>> 6] |= 1L << i;
      }
    }
    return StringVector.plain(DataType.varchar(16), hosts, hosts.length, nulls);
  }

  private static void check(
      ColumnPartition p, long snapshot, Map.Entry<Long, Totals> expected, long seed) {
    String ctx =
        "[seed=" + seed + "] snapshot " + snapshot + " (state of commit " + expected.getKey() + ")";
    Totals want = expected.getValue();
    assertThat(p.rowCount(snapshot)).as(ctx + " rowCount").isEqualTo(want.rows());
    List<Object[]> agg =
        p.aggregate(
                ScanRequest.at(snapshot),
                AggregateSpec.of(List.of(), AggregateCall.countStar(), AggregateCall.sum("v")))
            .rows();
    assertThat(agg.get(0)[0]).as(ctx + " count(*)").isEqualTo(want.rows());
    if (want.rows() > 0) {
      assertThat(agg.get(0)[1]).as(ctx + " sum(v)").isEqualTo(want.sum());
    }
    long rows = 0;
    long sum = 0;
    Set<Long> ids = new HashSet<>();
    try (BatchCursor c = p.scan(ScanRequest.at(snapshot).withProjection(List.of("id", "v")))) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        LongVector id = (LongVector) b.column(0);
        LongVector v = (LongVector) b.column(1);
        for (int i = 0; i < b.rowCount(); i++) {
          assertThat(ids.add(id.get(i))).as(ctx + " id " + id.get(i) + " seen twice").isTrue();
          sum += v.get(i);
          rows++;
        }
      }
    }
    assertThat(rows).as(ctx + " scanned rows").isEqualTo(want.rows());
    assertThat(sum).as(ctx + " scanned sum").isEqualTo(want.sum());
  }
}
