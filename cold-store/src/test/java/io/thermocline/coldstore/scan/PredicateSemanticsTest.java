package io.thermocline.coldstore.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.ExprBinder;
import io.thermocline.common.expr.ExprEvaluator;
import io.thermocline.common.schema.Schema;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.scan.ConformanceSchema;
import io.thermocline.testkit.scan.RandomPredicates;
import io.thermocline.testkit.scan.RandomRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The cold tier's predicate machinery against the reference evaluator, on random rows with NULLs,
 * NaN, signed zeros and surrogate pairs: the vectorized filter selects exactly the rows {@link
 * ExprEvaluator} accepts (plain and dictionary strings), pushing NOT down keeps every row's
 * three-valued result, and statistics never rule out a file that has a matching row.
 */
class PredicateSemanticsTest {
  private static final Schema SCHEMA = ConformanceSchema.schema();

  @Test
  void vectorFilterNotPushdownAndStatsAgreeWithTheReference(TestInfo info) {
    long seed = TestSeed.resolve("PredicateSemanticsTest." + info.getDisplayName());
    Random random = new Random(seed);
    RandomRows gen = new RandomRows(random, 1);
    RandomPredicates predicates = new RandomPredicates(random);
    int rounds = TestSeed.longMode() ? 3_000 : 400;
    for (int round = 0; round < rounds; round++) {
      List<Object[]> rows = gen.rows(1 + random.nextInt(300));
      ColumnBatch plain = BatchOps.fromRows(SCHEMA, rows);
      ColumnBatch dict = withDictionaryStrings(plain);
      Expr e = ExprBinder.bind(predicates.next(rows), SCHEMA);
      String ctx = "[seed=" + seed + "] round " + round + ": " + e;
      Expr nnf = Predicates.pushNot(e);
      long[] expected = NullBitmap.allocate(rows.size());
      boolean any = false;
      for (int r = 0; r < rows.size(); r++) {
        assertThat(ExprEvaluator.evaluate(nnf, rows.get(r)))
            .as(ctx + " NOT pushed down, row " + r)
            .isEqualTo(ExprEvaluator.evaluate(e, rows.get(r)));
        if (ExprEvaluator.matches(e, rows.get(r))) {
          NullBitmap.set(expected, r);
          any = true;
        }
      }
      assertThat(VectorFilter.select(e, plain)).as(ctx + " plain").isEqualTo(expected);
      assertThat(VectorFilter.select(nnf, dict)).as(ctx + " dictionary").isEqualTo(expected);
      FileEntry file =
          new FileEntry(
              1, 0, 1, "f", rows.size(), 1, 1, FileEntry.LIVE, 0, 0, BatchStatistics.of(plain));
      if (any) {
        assertThat(StatsPruner.mightMatch(nnf, file)).as(ctx + " statistics pruning").isTrue();
      }
    }
  }

  private static ColumnBatch withDictionaryStrings(ColumnBatch b) {
    ColumnVector[] v = new ColumnVector[b.columnCount()];
    for (int c = 0; c < v.length; c++) {
      v[c] = b.column(c);
      if (v[c] instanceof StringVector s) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> dict = new ArrayList<>();
        int[] idOf = new int[b.rowCount()];
        for (int r = 0; r < b.rowCount(); r++) {
          String x = s.get(r);
          if (x != null) {
            idOf[r] =
                ids.computeIfAbsent(
                    x,
                    k -> {
                      dict.add(k);
                      return dict.size() - 1;
                    });
          }
        }
        v[c] =
            StringVector.dictionary(
                s.type(), idOf, dict.toArray(new String[0]), b.rowCount(), s.nulls());
      }
    }
    return new ColumnBatch(b.schema(), b.rowCount(), v);
  }
}
