package io.thermocline.coldstore;

import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Schema;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.model.ReferenceTable;
import io.thermocline.testkit.scan.ConformanceSchema;
import io.thermocline.testkit.scan.RandomAggregates;
import io.thermocline.testkit.scan.RandomPredicates;
import io.thermocline.testkit.scan.RandomRows;
import io.thermocline.testkit.scan.RowAssert;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A month-partitioned cold table against the reference model: bulk files, trickle rows, deletes by
 * random predicates, compactions at random oldest-live snapshots and reopening the store,
 * interleaved with scans and aggregates at old and new snapshots, and cursors left open across
 * compactions. Prints its seed; {@code -Dthermo.seed=N} replays it, {@code -Plong} runs longer.
 */
class ColdRandomizedTest {
  @TempDir Path dir;

  @Test
  void partitionedTableMatchesTheReferenceThroughCompactionsAndReopens(TestInfo info) {
    long seed = TestSeed.resolve("ColdRandomizedTest." + info.getDisplayName());
    Random random = new Random(seed);
    Schema schema = ConformanceSchema.schema();
    ReferenceTable ref = new ReferenceTable(schema);
    RandomRows gen = new RandomRows(random, 1);
    RandomPredicates predicates = new RandomPredicates(random);
    RandomAggregates aggregates = new RandomAggregates(random);
    List<Object[]> inserted = new ArrayList<>();
    ColdStoreOptions options = ColdStoreOptions.of(dir).withConfig(ColdTierFixture.smallFiles());
    ColdStore store = ColdStore.open(options);
    ColdTable t = store.table("random", schema, ColdPartitioning.MONTH);
    long cid = 0;
    long floor = 0;
    int steps = TestSeed.longMode() ? 400 : 60;
    List<BatchCursor> openCursors = new ArrayList<>();
    List<List<Object[]>> openExpected = new ArrayList<>();
    try {
      for (int step = 0; step < steps; step++) {
        String ctx = "[seed=" + seed + "] step " + step;
        int op = random.nextInt(10);
        if (op < 3 || inserted.isEmpty()) {
          List<Object[]> rows = gen.rows(1 + random.nextInt(400));
          t.writeFile(++cid, ColdTestData.batch(t, rows));
          ref.insert(cid, rows);
          inserted.addAll(rows);
        } else if (op < 5) {
          List<Object[]> rows = gen.rows(1 + random.nextInt(20));
          t.insertDelta(++cid, rows);
          ref.insert(cid, rows);
          inserted.addAll(rows);
        } else if (op < 7) {
          Expr f = predicates.leaf(inserted);
          long snap = cid;
          cid++;
          RowAssertions.equal(
              ctx + " delete " + f, ref.delete(cid, snap, f), t.endRows(cid, snap, f));
        } else if (op == 7) {
          long s = floor + (long) (random.nextDouble() * (cid - floor + 1));
          ScanRequest r = ScanRequest.at(s).withBatchSize(1 + random.nextInt(64));
          openCursors.add(t.scan(r));
          openExpected.add(ref.scan(r));
          floor = Math.max(floor, s - random.nextInt(2));
          t.compact(floor);
        } else if (op == 8) {
          floor = floor + (long) (random.nextDouble() * (cid - floor + 1));
          t.compact(floor);
        } else {
          drain(openCursors, openExpected, ctx);
          store.close();
          store = ColdStore.open(options);
          t = store.table("random");
        }
        long s = floor + (long) (random.nextDouble() * (cid - floor + 1));
        ScanRequest r = ScanRequest.at(s).withFilter(predicates.next(inserted));
        RowAssert.assertSameRows(ctx + " " + r, ref.scan(r), RowAssert.drain(t.scan(r), ctx));
        var spec = aggregates.next();
        RowAssert.assertSameAggregates(
            ctx + " " + spec, spec, ref.aggregate(r, spec).rows(), t.aggregate(r, spec).rows());
      }
      drain(openCursors, openExpected, "[seed=" + seed + "] end");
      RowAssert.assertSameRows(
          "[seed=" + seed + "] final", ref.scan(ScanRequest.at(cid)), ColdTestData.scan(t, cid));
      System.out.println("[seed=" + seed + "] " + inserted.size() + " rows, " + t.stats());
    } finally {
      store.close();
    }
  }

  private static void drain(List<BatchCursor> cursors, List<List<Object[]>> expected, String ctx) {
    for (int i = 0; i < cursors.size(); i++) {
      RowAssert.assertSameRows(
          ctx + " cursor open across compactions",
          expected.get(i),
          RowAssert.drain(cursors.get(i), ctx));
    }
    cursors.clear();
    expected.clear();
  }

  /** Equality with a message, without AssertJ's boxing noise in the hot loop. */
  private static final class RowAssertions {
    static void equal(String ctx, long want, long got) {
      if (want != got) {
        throw new AssertionError(ctx + ": expected " + want + " rows, got " + got);
      }
    }
  }
}
