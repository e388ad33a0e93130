package io.thermocline.hotstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.testkit.TestSeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@link ColumnPartition#abort}: a commit that was never published leaves no trace, whether its
 * rows still sit in a delta, in a delta a running merge is rebuilding, or in a main a finished
 * merge built; and readers of published snapshots never notice an abort.
 */
public class AbortTest {
  protected static final Schema SCHEMA =
      Schema.of(Column.notNull("id", DataType.BIGINT), Column.notNull("v", DataType.BIGINT));

  /** The partition under test; a subclass tests series mains. */
  protected ColumnPartition partition(String name, Config config) {
    return new ColumnPartition(name, SCHEMA, config);
  }

  private static List<Object[]> rows(long from, int n) {
    List<Object[]> out = new ArrayList<>();
    for (long id = from; id < from + n; id++) {
      out.add(new Object[] {id, id * 3});
    }
    return out;
  }

  private static long[] countAndSum(ColumnPartition p, long snapshot) {
    Object[] r =
        p.aggregate(
                ScanRequest.at(snapshot),
                AggregateSpec.of(List.of(), AggregateCall.countStar(), AggregateCall.sum("v")))
            .rows()
            .get(0);
    return new long[] {(Long) r[0], r[1] == null ? 0 : (Long) r[1]};
  }

  private static long sumOf(long from, long to) {
    long s = 0;
    for (long id = from; id < to; id++) {
      s += id * 3;
    }
    return s;
  }

  @Test
  public void abortUndoesInsertsEndsAndMovesInTheDelta() {
    try (ColumnPartition p = partition("abort", Config.defaults())) {
      p.insertRows(1, rows(0, 1_000));
      p.insertRows(2, rows(1_000, 500));
      assertThat(p.endRows(2, 1, Expr.lt("id", 100L))).isEqualTo(100);
      assertThat(p.endRowsReturning(2, 1, Expr.ge("id", 900L), 50).rowCount()).isEqualTo(50);
      assertThat(p.abort(2)).isEqualTo(650);
      for (long s = 1; s <= 4; s++) {
        assertThat(countAndSum(p, s)).as("snapshot %d", s).containsExactly(1_000, sumOf(0, 1_000));
      }
      assertThat(p.abort(2)).as("a second abort finds nothing").isZero();
      // The restored rows are plainly live: a later delete ends them without a conflict.
      assertThat(p.endRows(3, 2, Expr.lt("id", 100L))).isEqualTo(100);
      MergeResult m = p.mergeDelta(3);
      assertThat(m.droppedRows()).as("500 aborted inserts + 100 deleted").isEqualTo(600);
      assertThat(p.mainRowCount()).isEqualTo(900);
      assertThat(countAndSum(p, 3)).containsExactly(900, sumOf(100, 1_000));
    }
  }

  @Test
  public void abortDuringAMergeReachesTheNewMain() {
    try (ColumnPartition p = partition("abort-merge", Config.defaults())) {
      p.insertRows(1, rows(0, 1_000));
      p.mergeDelta(1);
      p.insertRows(2, rows(1_000, 500)); // in the delta the merge freezes
      assertThat(p.endRows(2, 1, Expr.lt("id", 100L))).isEqualTo(100); // in the old main
      p.beforeSwap =
          () -> {
            assertThat(p.abort(2)).isEqualTo(600);
            p.insertRows(3, rows(5_000, 10)); // in the fresh delta
            assertThat(p.abort(3)).isEqualTo(10);
          };
      MergeResult r = p.mergeDelta(1);
      p.beforeSwap = null;
      assertThat(r.mergedDeltaRows()).isEqualTo(500);
      for (long s = 1; s <= 4; s++) {
        assertThat(countAndSum(p, s)).as("snapshot %d", s).containsExactly(1_000, sumOf(0, 1_000));
      }
      assertThat(p.endRows(4, 3, Expr.lt("id", 100L))).isEqualTo(100);
      assertThat(p.mergeDelta(4).droppedRows()).isEqualTo(610);
      assertThat(countAndSum(p, 4)).containsExactly(900, sumOf(100, 1_000));
    }
  }

  @Test
  public void abortAfterAMergeFindsTheRowsInTheMain() {
    try (ColumnPartition p = partition("abort-main", Config.defaults())) {
      p.insertRows(1, rows(0, 1_000));
      p.insertRows(2, rows(1_000, 500));
      assertThat(p.endRows(2, 1, Expr.between("id", 10L, 19L))).isEqualTo(10);
      p.mergeDelta(1); // creates and ends of the unpublished commit 2 now live in the main
      assertThat(p.deltaRowCount()).isZero();
      assertThat(p.abort(2)).isEqualTo(510);
      assertThat(countAndSum(p, 5)).containsExactly(1_000, sumOf(0, 1_000));
      assertThat(p.mergeDelta(3).droppedRows()).isEqualTo(500);
      assertThat(p.mainRowCount()).isEqualTo(1_000);
    }
  }

  @Test
  public void readersOfPublishedSnapshotsNeverSeeAnAbortedCommit(TestInfo info) throws Exception {
    long seed = TestSeed.resolve(info.getDisplayName());
    long millis = TestSeed.longMode() ? 20_000 : 2_000;
    Config config =
        Config.defaults()
            .with(HotStoreSettings.MERGE_DELTA_ROWS, 2_000L)
            .with(HotStoreSettings.MERGE_CHECK_INTERVAL_MS, 2L)
            .with(HotStoreSettings.BATCH_SIZE, 256);
    SnapshotRegistry registry = new SnapshotRegistry();
    NavigableMap<Long, long[]> totals = new ConcurrentSkipListMap<>();
    totals.put(0L, new long[] {0, 0});
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong aborts = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    try (ColumnPartition p = partition("abort-concurrent", config);
        DeltaMerger merger = new DeltaMerger(config, registry::oldest)) {
      merger.register(p);
      Thread writer =
          new Thread(
              () -> {
                Random rnd = new Random(seed);
                TreeMap<Long, Long> live = new TreeMap<>();
                long nextId = 0;
                long cid = 0;
                try {
                  while (!stop.get()) {
                    cid++;
                    int n = 1 + rnd.nextInt(300);
                    p.insertRows(cid, rows(nextId, n));
                    long from = rnd.nextInt((int) Math.max(1, nextId));
                    long to = from + rnd.nextInt(200);
                    p.endRows(cid, registry.published(), Expr.between("id", from, to));
                    if (rnd.nextInt(3) == 0) {
                      p.abort(cid);
                      aborts.incrementAndGet();
                      continue;
                    }
                    // The delete ran at the last published snapshot: it missed this insert.
                    live.subMap(from, true, to, true).clear();
                    for (long id = nextId; id < nextId + n; id++) {
                      live.put(id, id * 3);
                    }
                    nextId += n;
                    long sum = 0;
                    for (long v : live.values()) {
                      sum += v;
                    }
                    totals.put(cid, new long[] {live.size(), sum});
                    registry.publish(cid);
                  }
                } catch (Throwable t) {
                  failures.add(t);
                }
              },
              "writer");
      Thread reader =
          new Thread(
              () -> {
                Random rnd = new Random(seed + 1);
                try {
                  while (!stop.get()) {
                    long s =
                        registry.open((lo, hi) -> lo + (long) (rnd.nextDouble() * (hi - lo + 1)));
                    try {
                      Map.Entry<Long, long[]> want = totals.floorEntry(s);
                      assertThat(countAndSum(p, s))
                          .as("[seed=%d] snapshot %d", seed, s)
                          .containsExactly(want.getValue());
                      reads.incrementAndGet();
                    } finally {
                      registry.close(s);
                    }
                  }
                } catch (Throwable t) {
                  failures.add(t);
                }
              },
              "reader");
      writer.start();
      reader.start();
      long deadline = System.nanoTime() + millis * 1_000_000L;
      try {
        await("[seed=" + seed + "] merges and aborts")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    !failures.isEmpty()
                        || System.nanoTime() > deadline
                            && merger.mergeCount() >= 2
                            && aborts.get() >= 10);
      } finally {
        stop.set(true);
        writer.join(30_000);
        reader.join(30_000);
      }
      if (!failures.isEmpty()) {
        AssertionError e = new AssertionError("[seed=" + seed + "] a thread failed");
        failures.forEach(e::addSuppressed);
        throw e;
      }
      System.out.printf(
          "[seed=%d] %d aborts, %d reads, %d merges%n",
          seed, aborts.get(), reads.get(), merger.mergeCount());
      assertThat(merger.failureCount()).as("[seed=%d] %s", seed, merger.lastFailure()).isZero();
      long last = registry.published();
      assertThat(countAndSum(p, last)).containsExactly(totals.floorEntry(last).getValue());
    }
  }
}
