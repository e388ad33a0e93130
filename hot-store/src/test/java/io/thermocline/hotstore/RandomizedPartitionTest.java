package io.thermocline.hotstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.model.ReferenceTable;
import io.thermocline.testkit.scan.RowAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Every scan and aggregate of a column partition against {@link ReferenceTable} on random data with
 * NULLs and special doubles, through every insert path, deletes, row moves and merges at random
 * oldest-live snapshots; then the same while a merge thread and reader threads run concurrently
 * with the writer. Seed printed; replay with {@code -Dthermo.seed=N}.
 */
class RandomizedPartitionTest {
  private static final int[] BLOCK_SIZES = {64, 128, 1024, 4096};

  @Test
  void sequentialOperationsMatchReference(TestInfo info) {
    long seed = TestSeed.resolve(info.getDisplayName());
    Random random = new Random(seed);
    int steps = TestSeed.longMode() ? 1500 : 220;
    try (Harness h = new Harness(seed, random)) {
      List<Long> held = new ArrayList<>();
      for (int step = 0; step < steps; step++) {
        int op = random.nextInt(20);
        if (op < 8) {
          h.write();
        } else if (op < 10) {
          if (held.size() < 3) {
            held.add(
                h.registry.open((lo, hi) -> lo + (long) (random.nextDouble() * (hi - lo + 1))));
          } else {
            h.registry.close(held.remove(random.nextInt(held.size())));
          }
        } else if (op < 12) {
          h.partition.mergeDelta(h.registry.oldest());
        } else {
          long s =
              held.isEmpty() || random.nextBoolean()
                  ? h.registry.open((lo, hi) -> hi - random.nextInt(3))
                  : held.get(random.nextInt(held.size()));
          h.check(s, random);
          if (!held.contains(s)) {
            h.registry.close(s);
          }
        }
      }
      h.partition.mergeDelta(h.registry.oldest());
      long last = h.registry.open((lo, hi) -> hi);
      for (int i = 0; i < 5; i++) {
        h.check(last, random);
      }
      assertThat(h.partition.rowCount(last)).as(h.context(last)).isEqualTo(h.reference.count(last));
    }
  }

  @Test
  void mergesConcurrentWithWritersAndReaders(TestInfo info) throws Exception {
    long seed = TestSeed.resolve(info.getDisplayName());
    Random random = new Random(seed);
    int writes = TestSeed.longMode() ? 2000 : 160;
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicLong merges = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    try (Harness h = new Harness(seed, random)) {
      List<Thread> threads = new ArrayList<>();
      boolean[] done = {false};
      threads.add(
          new Thread(
              () -> {
                try {
                  while (!isDone(done)) {
                    if (h.partition.mergeDelta(h.registry.oldest()).merged()) {
                      merges.incrementAndGet();
                    }
                  }
                } catch (Throwable t) {
                  failures.add(t);
                }
              },
              "merger"));
      for (int t = 0; t < 2; t++) {
        Random rr = new Random(seed + 17 + t);
        threads.add(
            new Thread(
                () -> {
                  try {
                    while (!isDone(done) && failures.isEmpty()) {
                      long s =
                          h.registry.open(
                              (lo, hi) -> lo + (long) (rr.nextDouble() * (hi - lo + 1)));
                      try {
                        h.check(s, rr);
                        reads.incrementAndGet();
                      } finally {
                        h.registry.close(s);
                      }
                    }
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                },
                "reader-" + t));
      }
      threads.forEach(Thread::start);
      try {
        for (int i = 0; i < writes && failures.isEmpty(); i++) {
          h.write();
        }
      } finally {
        synchronized (done) {
          done[0] = true;
        }
        for (Thread t : threads) {
          t.join(Duration.ofSeconds(60).toMillis());
        }
      }
      if (!failures.isEmpty()) {
        AssertionError e = new AssertionError("[seed=" + seed + "] a thread failed");
        failures.forEach(e::addSuppressed);
        throw e;
      }
      System.out.println(
          "[seed=" + seed + "] " + writes + " commits, " + merges + " merges, " + reads + " reads");
      assertThat(merges.get()).as("[seed=%d] merges while writing", seed).isPositive();
      h.partition.mergeDelta(h.registry.oldest());
      h.check(h.registry.open((lo, hi) -> hi), random);
    }
  }

  private static boolean isDone(boolean[] done) {
    synchronized (done) {
      return done[0];
    }
  }

  /** A partition, its reference, the commit ids and the snapshot registry. */
  private static final class Harness implements AutoCloseable {
    final long seed;
    final Random random;
    final RandomData data;
    final ColumnPartition partition;
    final ReferenceTable reference = new ReferenceTable(RandomData.SCHEMA);
    final SnapshotRegistry registry = new SnapshotRegistry();
    final int parallelism;
    long cid;

    Harness(long seed, Random random) {
      this.seed = seed;
      this.random = random;
      this.data = new RandomData(random);
      int block = BLOCK_SIZES[random.nextInt(BLOCK_SIZES.length)];
      this.parallelism = 1 + random.nextInt(3);
      Config config =
          Config.defaults()
              .with(HotStoreSettings.BATCH_SIZE, block)
              .with(HotStoreSettings.MERGE_PARALLELISM, 1 + random.nextInt(2))
              .with(HotStoreSettings.SCAN_PARALLELISM, parallelism);
      this.partition = new ColumnPartition("random", RandomData.SCHEMA, config);
      System.out.println("[seed=" + seed + "] hot.batch.size=" + block + " p=" + parallelism);
    }

    String context(long snapshot) {
      return "[seed=" + seed + ", replay with -Dthermo.seed=" + seed + "] snapshot=" + snapshot;
    }

    /** One commit: an insert through a random path, a delete or a row move. */
    void write() {
      long c = ++cid + random.nextInt(2);
      cid = c;
      long snapshot = registry.published();
      int op = random.nextInt(10);
      if (op < 6 || snapshot == 0) {
        int n = random.nextInt(8) == 0 ? 4000 + random.nextInt(5000) : 1 + random.nextInt(300);
        List<Object[]> rows = data.rows(n);
        switch (random.nextInt(3)) {
          case 0 -> partition.insertRows(c, rows);
          case 1 -> partition.insert(c, data.batch(rows));
          default -> partition.insertValues(c, RandomData.SCHEMA.names(), toUser(rows));
        }
        reference.insert(c, rows);
      } else if (op < 8) {
        Expr f = data.predicate(2);
        long got = partition.endRows(c, snapshot, f);
        long want = reference.delete(c, snapshot, f);
        assertThat(got).as(context(snapshot) + " delete " + f).isEqualTo(want);
      } else {
        Expr f = data.predicate(1);
        int max = 1 + random.nextInt(500);
        ScanRequest r = ScanRequest.at(snapshot).withFilter(f);
        List<Object[]> matching = reference.scan(r);
        ColumnBatch moved = partition.endRowsReturning(c, snapshot, f, max);
        List<Object[]> movedRows = moved.rows();
        assertThat(movedRows.size())
            .as(context(snapshot) + " move " + f)
            .isEqualTo(Math.min(max, matching.size()));
        Object[] ids = new Object[movedRows.size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = movedRows.get(i)[0];
        }
        List<Object[]> expectedMoved =
            ids.length == 0 ? List.of() : reference.scan(r.withFilter(Expr.in("id", ids)));
        RowAssert.assertSameRows(context(snapshot) + " moved rows " + f, expectedMoved, movedRows);
        if (ids.length > 0) {
          reference.delete(c, snapshot, Expr.in("id", ids));
        }
      }
      registry.publish(c);
    }

    private static List<Object[]> toUser(List<Object[]> rows) {
      List<Object[]> out = new ArrayList<>();
      for (Object[] r : rows) {
        Object[] u = new Object[r.length];
        for (int c = 0; c < r.length; c++) {
          u[c] = RandomData.SCHEMA.column(c).type().toJava(r[c]);
        }
        out.add(u);
      }
      return out;
    }

    /** Scans and aggregates at {@code snapshot}, each compared with the reference. */
    void check(long snapshot, Random rnd) {
      String ctx = context(snapshot);
      for (int i = 0; i < 3; i++) {
        Expr f = i == 0 ? null : data(rnd).predicate(2);
        ScanRequest r = ScanRequest.at(snapshot).withFilter(f).withBatchSize(1 + rnd.nextInt(5000));
        if (rnd.nextInt(3) == 0) {
          r = r.withProjection(List.of("g", "id", "d"));
        }
        String c = ctx + " filter=" + f + " batch=" + r.batchSize();
        RowAssert.assertSameRows(c, reference.scan(r), RowAssert.drain(partition.scan(r), c));
        AggregateSpec spec = data(rnd).aggregate();
        List<Object[]> want = reference.aggregate(r, spec).rows();
        AggregateResult got =
            rnd.nextBoolean()
                ? partition.aggregate(r, spec)
                : partition.aggregate(r, spec, 1 + rnd.nextInt(3));
        RowAssert.assertSameAggregates(c + " " + spec, spec, want, got.rows());
      }
      assertThat(partition.rowCount(snapshot)).as(ctx).isEqualTo(reference.count(snapshot));
    }

    private RandomData data(Random rnd) {
      return rnd == random ? data : new RandomData(rnd);
    }

    @Override
    public void close() {
      partition.close();
    }
  }
}
