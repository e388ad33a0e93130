package io.thermocline.testkit.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Schema;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.model.ReferenceTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The scan contract's conformance test: every tier (hot partitions, cold files, series blocks)
 * extends it with a {@link TierFixture} and passes the same checks against {@link ReferenceTable}.
 * Randomized over {@link ConformanceSchema} (every type, NULLs, special doubles): several commits
 * of inserts and deletes, {@link TierFixture#maintain} at random points, then full scans,
 * projections, every predicate kind and aggregates at many snapshots; plus an empty table,
 * snapshots before the first commit, updates (an end and a re-insert of one element per commit),
 * the 4,096-row batch boundary and a scan that runs while another thread commits. Each test prints
 * its seed; {@code -Dthermo.seed=N} replays it, and {@code -Plong} scales it up.
 *
 * <p>Concurrency: each test creates its own fixture; writes come from one thread at a time.
 */
public abstract class TierScanConformanceTest {

  /** A fresh, empty tier for {@code schema}; closed by the test. */
  protected abstract TierFixture createFixture(Schema schema);

  /**
   * The generator of every test's rows, ids from {@code firstId}. A tier that accepts only some
   * rows (a series table: one row per series key and grid point) overrides it; the checks stay the
   * same.
   */
  protected RandomRows rows(Random random, long firstId) {
    return new RandomRows(random, firstId);
  }

  /** Commits in the randomized workload. */
  protected int commits() {
    return TestSeed.longMode() ? 60 : 14;
  }

  /** Upper bound of rows per insert in the randomized workload. */
  protected int maxRowsPerInsert() {
    return TestSeed.longMode() ? 2_000 : 700;
  }

  /** Snapshots queried after the last commit (each with scans, filters and aggregates). */
  protected int finalSnapshots() {
    return TestSeed.longMode() ? 40 : 8;
  }

  @Test
  public void randomWorkloadMatchesReference(TestInfo info) {
    long seed = TestSeed.resolve(name(info));
    Random random = new Random(seed);
    Schema schema = ConformanceSchema.schema();
    ReferenceTable reference = new ReferenceTable(schema);
    try (TierFixture fixture = createFixture(schema)) {
      ConformanceCheck check = new ConformanceCheck(fixture.tier(), reference, seed);
      Workload w = new Workload(random, rows(random, 1), fixture, reference, check, seed);
      for (int i = 0; i < commits(); i++) {
        w.commit(i, maxRowsPerInsert());
        if (random.nextInt(4) == 0) {
          w.maintain();
        }
        if (random.nextInt(3) == 0) {
          w.queryRound(w.randomSnapshot(), 4);
        }
      }
      w.queryRound(w.lastCid, 8);
      w.queryRound(w.floor, 4);
      for (int s = 0; s < finalSnapshots(); s++) {
        w.queryRound(w.randomSnapshot(), 8);
      }
      System.out.println(
          "[seed=" + seed + "] " + w.inserted.size() + " rows inserted, " + check.summary());
    }
  }

  @Test
  public void emptyTableReturnsNothing(TestInfo info) {
    long seed = TestSeed.resolve(name(info));
    Schema schema = ConformanceSchema.schema();
    ReferenceTable reference = new ReferenceTable(schema);
    try (TierFixture fixture = createFixture(schema)) {
      ConformanceCheck check = new ConformanceCheck(fixture.tier(), reference, seed);
      for (long snapshot : new long[] {0, 1, 1_000}) {
        assertThat(check.scan(ScanRequest.at(snapshot))).isEmpty();
        check.scan(ScanRequest.at(snapshot).withFilter(Expr.isNull(ConformanceSchema.QTY)));
        check.aggregate(ScanRequest.at(snapshot), RandomAggregates.everyFunction());
        check.aggregate(
            ScanRequest.at(snapshot),
            AggregateSpec.of(
                List.of(GroupKey.column(ConformanceSchema.REGION)), AggregateCall.countStar()));
      }
    }
  }

  @Test
  public void snapshotsBeforeTheFirstCommitSeeNothing(TestInfo info) {
    long seed = TestSeed.resolve(name(info));
    Random random = new Random(seed);
    Schema schema = ConformanceSchema.schema();
    ReferenceTable reference = new ReferenceTable(schema);
    try (TierFixture fixture = createFixture(schema)) {
      ConformanceCheck check = new ConformanceCheck(fixture.tier(), reference, seed);
      List<Object[]> rows = rows(random, 1).rows(300);
      fixture.insert(5, rows);
      reference.insert(5, rows);
      Expr filter = Expr.le(ConformanceSchema.ID, 100L);
      assertThat(fixture.delete(8, 7, filter)).isEqualTo(reference.delete(8, 7, filter));
      for (long snapshot = 0; snapshot <= 9; snapshot++) {
        check.scan(ScanRequest.at(snapshot));
        check.aggregate(ScanRequest.at(snapshot), RandomAggregates.everyFunction());
      }
      assertThat(check.scan(ScanRequest.at(4))).isEmpty();
      assertThat(check.scan(ScanRequest.at(7))).hasSize(300);
      assertThat(check.scan(ScanRequest.at(8))).hasSize(200);
    }
  }

  @Test
  public void batchSizeBoundaries(TestInfo info) {
    long seed = TestSeed.resolve(name(info));
    Random random = new Random(seed);
    Schema schema = ConformanceSchema.schema();
    int batch = ScanRequest.DEFAULT_BATCH_SIZE;
    for (int n : new int[] {batch - 1, batch, batch + 1}) {
      ReferenceTable reference = new ReferenceTable(schema);
      try (TierFixture fixture = createFixture(schema)) {
        ConformanceCheck check = new ConformanceCheck(fixture.tier(), reference, seed);
        List<Object[]> rows = rows(random, 1).rows(n);
        fixture.insert(1, rows);
        reference.insert(1, rows);
        for (int size : new int[] {batch, batch - 1, 1024, 0}) {
          assertThat(check.scan(ScanRequest.at(1).withBatchSize(size))).hasSize(n);
        }
        check.aggregate(ScanRequest.at(1), RandomAggregates.everyFunction());
      }
    }
    // The same boundary reached one row per commit, then crossed back by a delete.
    ReferenceTable reference = new ReferenceTable(schema);
    try (TierFixture fixture = createFixture(schema)) {
      ConformanceCheck check = new ConformanceCheck(fixture.tier(), reference, seed);
      RandomRows gen = rows(random, 1);
      List<Object[]> first = gen.rows(batch - 1);
      fixture.insert(1, first);
      reference.insert(1, first);
      for (long cid = 2; cid <= 3; cid++) {
        List<Object[]> one = gen.rows(1);
        fixture.insert(cid, one);
        reference.insert(cid, one);
      }
      Expr last = Expr.eq(ConformanceSchema.ID, (long) batch + 1);
      assertThat(fixture.delete(4, 3, last)).isEqualTo(1L);
      reference.delete(4, 3, last);
      for (long snapshot = 1; snapshot <= 4; snapshot++) {
        check.scan(ScanRequest.at(snapshot));
        check.aggregate(ScanRequest.at(snapshot), RandomAggregates.everyFunction());
      }
    }
  }

  /**
   * Updates as the engine writes them: one commit ends rows and inserts their new versions with the
   * same time and region (a series element keeps its key and grid point), so a merge sees old and
   * new versions of one element side by side while older snapshots still read the old ones.
   */
  @Test
  public void updatesEndAndReinsertInOneCommit(TestInfo info) {
    long seed = TestSeed.resolve(name(info));
    Random random = new Random(seed);
    Schema schema = ConformanceSchema.schema();
    int ts = schema.indexOf(ConformanceSchema.TS);
    int region = schema.indexOf(ConformanceSchema.REGION);
    ReferenceTable reference = new ReferenceTable(schema);
    try (TierFixture fixture = createFixture(schema)) {
      ConformanceCheck check = new ConformanceCheck(fixture.tier(), reference, seed);
      RandomRows gen = rows(random, 1);
      List<Object[]> inserted = new ArrayList<>(gen.rows(2_000));
      fixture.insert(1, inserted);
      reference.insert(1, inserted);
      long floor = 0;
      long lastCid = 8;
      for (long cid = 2; cid <= lastCid; cid++) {
        long from = 1 + random.nextInt(inserted.size());
        Expr filter = Expr.between(ConformanceSchema.ID, from, from + 300);
        List<Object[]> old = reference.scan(ScanRequest.at(cid - 1).withFilter(filter));
        assertThat(fixture.delete(cid, cid - 1, filter))
            .as("[seed=%d] rows updated at cid %d", seed, cid)
            .isEqualTo(reference.delete(cid, cid - 1, filter));
        List<Object[]> next = new ArrayList<>();
        for (Object[] o : old) {
          Object[] r = gen.row();
          r[ts] = o[ts];
          r[region] = o[region];
          next.add(r);
        }
        if (!next.isEmpty()) {
          fixture.insert(cid, next);
          reference.insert(cid, next);
          inserted.addAll(next);
        }
        if (random.nextBoolean()) {
          floor += random.nextInt((int) (cid - floor) + 1);
          fixture.maintain(floor);
        }
      }
      RandomPredicates predicates = new RandomPredicates(random);
      for (long snapshot = floor; snapshot <= lastCid; snapshot++) {
        check.scan(ScanRequest.at(snapshot));
        check.scan(ScanRequest.at(snapshot).withFilter(predicates.next(inserted)));
        check.aggregate(ScanRequest.at(snapshot), RandomAggregates.everyFunction());
      }
    }
  }

  @Test
  public void scanOfASnapshotIsStableWhileAnotherThreadCommits(TestInfo info) throws Exception {
    long seed = TestSeed.resolve(name(info));
    Random random = new Random(seed);
    Schema schema = ConformanceSchema.schema();
    ReferenceTable reference = new ReferenceTable(schema);
    ExecutorService writerThread = Executors.newSingleThreadExecutor();
    try (TierFixture fixture = createFixture(schema)) {
      ConformanceCheck check = new ConformanceCheck(fixture.tier(), reference, seed);
      RandomRows gen = rows(new Random(seed + 1), 1);
      for (long cid = 1; cid <= 3; cid++) {
        List<Object[]> rows = gen.rows(1_000);
        fixture.insert(cid, rows);
        reference.insert(cid, rows);
      }
      long snapshot = 3;
      ScanRequest request = ScanRequest.at(snapshot).withBatchSize(256);
      String context = check.context(request) + " (scan open while another thread commits)";
      List<Object[]> expected = reference.scan(request);
      AggregateSpec spec = RandomAggregates.everyFunction();

      // A cursor opened before the commits and drained after them must not see them.
      BatchCursor open = fixture.tier().scan(request);
      List<Object[]> seen = new ArrayList<>();
      ColumnBatch firstBatch = open.next();
      assertThat(firstBatch).as(context).isNotNull();
      seen.addAll(firstBatch.rows());
      CompletableFuture<Void> firstCommit = new CompletableFuture<>();
      Expr deleteFilter = Expr.lt(ConformanceSchema.QTY, 0);
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                for (long cid = 4; cid <= 23; cid++) {
                  List<Object[]> rows = gen.rows(200);
                  fixture.insert(cid, rows);
                  reference.insert(cid, rows);
                  if (cid % 5 == 0) {
                    long n = fixture.delete(cid + 1, cid, deleteFilter);
                    assertThat(n)
                        .as(context)
                        .isEqualTo(reference.delete(cid + 1, cid, deleteFilter));
                    cid++;
                  }
                  firstCommit.complete(null);
                  if (cid % 7 == 0) {
                    fixture.maintain(snapshot);
                  }
                }
                fixture.maintain(snapshot);
              },
              writerThread);
      // An open cursor must not block commits (DESIGN.md section 3: writers never block readers).
      await(context + ": first concurrent commit")
          .atMost(Duration.ofSeconds(60))
          .until(() -> firstCommit.isDone() || writer.isDone());
      seen.addAll(check.drain(open, request, context));
      RowAssert.assertSameRows(context, expected, seen);
      int rounds = 0;
      while (rounds < 2 || !writer.isDone() && rounds < 50) {
        RowAssert.assertSameRows(
            context, expected, check.drain(fixture.tier().scan(request), request, context));
        check.aggregate(ScanRequest.at(snapshot), spec);
        rounds++;
      }
      await(context + ": writer").atMost(Duration.ofSeconds(120)).until(writer::isDone);
      try {
        writer.get();
      } catch (ExecutionException e) {
        throw new AssertionError(context + ": the writer failed: " + e.getCause(), e.getCause());
      }
      check.scan(request);
      check.scan(ScanRequest.at(24));
      check.aggregate(ScanRequest.at(24), spec);
    } finally {
      writerThread.shutdownNow();
      writerThread.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private String name(TestInfo info) {
    return getClass().getSimpleName()
        + "."
        + info.getTestMethod().map(m -> m.getName()).orElse("?");
  }

  /** State of one randomized run: the commit ids handed out and the data inserted so far. */
  private static final class Workload {
    final Random random;
    final TierFixture fixture;
    final ReferenceTable reference;
    final ConformanceCheck check;
    final long seed;
    final RandomRows rows;
    final RandomPredicates predicates;
    final RandomAggregates aggregates;
    final List<Object[]> inserted = new ArrayList<>();
    long lastCid;
    long floor;

    Workload(
        Random random,
        RandomRows rows,
        TierFixture fixture,
        ReferenceTable reference,
        ConformanceCheck check,
        long seed) {
      this.random = random;
      this.fixture = fixture;
      this.reference = reference;
      this.check = check;
      this.seed = seed;
      this.rows = rows;
      this.predicates = new RandomPredicates(random);
      this.aggregates = new RandomAggregates(random);
    }

    /** One commit: an insert, or (after the first two) sometimes a delete by a random filter. */
    void commit(int index, int maxRows) {
      // Commit ids have gaps: the global CID is shared by all tables.
      long cid = lastCid + 1 + random.nextInt(3);
      if (index > 1 && random.nextInt(4) == 0) {
        Expr filter = predicates.leaf(inserted);
        if (random.nextBoolean()) {
          long from = 1 + random.nextInt(Math.max(1, inserted.size()));
          filter = Expr.and(filter, Expr.between(ConformanceSchema.ID, from, from + 400));
        }
        long want = reference.delete(cid, lastCid, filter);
        long got = fixture.delete(cid, lastCid, filter);
        assertThat(got)
            .as("[seed=%d] rows deleted at cid %d by %s", seed, cid, filter)
            .isEqualTo(want);
      } else {
        int n = random.nextInt(10) == 0 ? 1 : 1 + random.nextInt(maxRows);
        List<Object[]> batch = rows.rows(n);
        fixture.insert(cid, batch);
        reference.insert(cid, batch);
        inserted.addAll(batch);
      }
      lastCid = cid;
    }

    void maintain() {
      floor = floor + (long) (random.nextDouble() * (lastCid - floor + 1));
      fixture.maintain(floor);
    }

    long randomSnapshot() {
      return floor + (long) (random.nextDouble() * (lastCid - floor + 1));
    }

    void queryRound(long snapshot, int filters) {
      List<String> names = ConformanceSchema.schema().names();
      check.scan(ScanRequest.at(snapshot));
      List<String> projection = new ArrayList<>(names);
      Collections.shuffle(projection, random);
      projection = projection.subList(0, 1 + random.nextInt(names.size()));
      check.scan(ScanRequest.at(snapshot).withProjection(projection));
      for (int i = 0; i < filters; i++) {
        ScanRequest r =
            ScanRequest.at(snapshot).withFilter(predicates.next(inserted)).withBatchSize(batch());
        if (random.nextBoolean()) {
          List<String> p = new ArrayList<>(names);
          Collections.shuffle(p, random);
          r = r.withProjection(p.subList(0, 1 + random.nextInt(3)));
        }
        check.scan(r);
        ScanRequest a = random.nextBoolean() ? r : ScanRequest.at(snapshot);
        check.aggregate(a, aggregates.next());
      }
      check.aggregate(
          ScanRequest.at(snapshot).withFilter(predicates.leaf(inserted)),
          RandomAggregates.everyFunction());
    }

    private int batch() {
      int[] sizes = {0, 1_024, 4_096, 100, 7};
      return sizes[random.nextInt(sizes.length)];
    }
  }
}
