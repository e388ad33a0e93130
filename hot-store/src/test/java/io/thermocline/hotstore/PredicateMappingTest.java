package io.thermocline.hotstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.ExprBinder;
import io.thermocline.common.expr.ExprEvaluator;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.hotstore.bits.DoubleKeys;
import io.thermocline.hotstore.main.DoubleDictionary;
import io.thermocline.hotstore.main.LongDictionary;
import io.thermocline.hotstore.main.StringDictionary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Predicates mapped into value-id space (main) and evaluated on raw values (delta) select exactly
 * the rows the reference evaluator accepts, for every operator against literals at and between
 * dictionary boundaries, below and above all values, absent values, NULL, NaN, -0.0 and 0.0, and
 * DOUBLE literals against LONG columns (including beyond 2^53).
 */
class PredicateMappingTest {
  private static final Schema SCHEMA =
      Schema.of(
          Column.notNull("id", DataType.BIGINT),
          Column.nullable("l", DataType.BIGINT),
          Column.nullable("d", DataType.DOUBLE),
          Column.nullable("s", DataType.varchar(4)));

  private static final Object[] LONGS = {
    Long.MIN_VALUE, -5L, -3L, 0L, 2L, 9_007_199_254_740_993L, Long.MAX_VALUE, null
  };
  private static final Object[] DOUBLES = {
    Double.NEGATIVE_INFINITY,
    -1.5,
    -0.0,
    0.0,
    0.25,
    1e10,
    Double.POSITIVE_INFINITY,
    Double.NaN,
    null
  };
  private static final Object[] STRINGS = {"", "a", "ab", "b", "\uffff", null};

  private static final Object[] LONG_LITERALS = {
    Long.MIN_VALUE,
    -6L,
    -5L,
    -4L,
    -3L,
    0L,
    1L,
    2L,
    3L,
    9_007_199_254_740_992L,
    9_007_199_254_740_993L,
    Long.MAX_VALUE - 1,
    Long.MAX_VALUE,
    -5.5,
    -3.0,
    2.5,
    1e19,
    -1e19,
    9.007199254740992E15,
    Double.NaN,
    Double.NEGATIVE_INFINITY,
    -0.0,
    null
  };
  private static final Object[] DOUBLE_LITERALS = {
    Double.NEGATIVE_INFINITY,
    -2.0,
    -1.5,
    -1.0,
    -0.0,
    0.0,
    0.1,
    0.25,
    1e10,
    1e11,
    Double.POSITIVE_INFINITY,
    Double.NaN,
    Double.MIN_VALUE,
    0L,
    3L,
    null
  };
  private static final Object[] STRING_LITERALS = {
    "", "a", "aa", "ab", "abc", "b", "c", "\uffff", null
  };

  private static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    long id = 0;
    int n = Math.max(LONGS.length, Math.max(DOUBLES.length, STRINGS.length));
    for (int rep = 0; rep < 3; rep++) {
      for (int i = 0; i < n; i++) {
        rows.add(
            new Object[] {
              id++,
              LONGS[(i + rep) % LONGS.length],
              DOUBLES[(i * 2 + rep) % DOUBLES.length],
              STRINGS[(i + 2 * rep) % STRINGS.length]
            });
      }
    }
    return rows;
  }

  @Test
  void everyOperatorAgreesWithTheEvaluatorOnMainAndDelta() {
    List<Object[]> rows = rows();
    for (boolean merged : new boolean[] {false, true}) {
      try (ColumnPartition p = new ColumnPartition("p", SCHEMA, Config.defaults())) {
        p.insertRows(1, rows);
        if (merged) {
          p.mergeDelta(1);
          assertThat(p.deltaRowCount()).isZero();
        }
        int checked = 0;
        checked += grid(p, rows, "l", LONG_LITERALS, merged);
        checked += grid(p, rows, "d", DOUBLE_LITERALS, merged);
        checked += grid(p, rows, "s", STRING_LITERALS, merged);
        assertThat(checked).isGreaterThan(1000);
      }
    }
  }

  private static int grid(
      ColumnPartition p, List<Object[]> rows, String col, Object[] literals, boolean merged) {
    int n = 0;
    for (Object lit : literals) {
      for (CompareOp op : CompareOp.values()) {
        Expr e = Expr.compare(col, op, lit);
        check(p, rows, e, merged);
        check(p, rows, Expr.not(e), merged);
        check(p, rows, new Expr.Compare(op, Expr.lit(lit), Expr.col(col)), merged);
        n += 3;
      }
      for (Object hi : literals) {
        check(p, rows, Expr.between(col, lit, hi), merged);
        check(p, rows, Expr.not(Expr.between(col, lit, hi)), merged);
        check(p, rows, Expr.in(col, lit, hi), merged);
        check(p, rows, Expr.not(Expr.in(col, lit, hi)), merged);
        n += 4;
      }
    }
    check(p, rows, Expr.isNull(col), merged);
    check(p, rows, Expr.not(Expr.isNull(col)), merged);
    check(p, rows, Expr.isNotNull(col), merged);
    return n;
  }

  private static void check(ColumnPartition p, List<Object[]> rows, Expr filter, boolean merged) {
    Expr bound = ExprBinder.bind(filter, SCHEMA);
    List<Long> want = new ArrayList<>();
    for (Object[] r : rows) {
      if (ExprEvaluator.matches(bound, r)) {
        want.add((Long) r[0]);
      }
    }
    List<Long> got = new ArrayList<>();
    try (BatchCursor c =
        p.scan(ScanRequest.at(1).withFilter(filter).withProjection(List.of("id")))) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        for (Object[] r : b.rows()) {
          got.add((Long) r[0]);
        }
      }
    }
    assertThat(got).as((merged ? "main: " : "delta: ") + filter).containsExactlyElementsOf(want);
  }

  @Test
  void dictionaryBoundsFindIdRanges() {
    LongDictionary l = new LongDictionary(new long[] {-5, -3, 0, 2, Long.MAX_VALUE});
    assertThat(l.lowerBound(Long.MIN_VALUE)).isZero();
    assertThat(l.lowerBound(-4)).isEqualTo(1);
    assertThat(l.lowerBound(-3)).isEqualTo(1);
    assertThat(l.upperBound(-3)).isEqualTo(2);
    assertThat(l.upperBound(Long.MAX_VALUE)).isEqualTo(5);
    assertThat(l.lowerBound(Long.MAX_VALUE)).isEqualTo(4);
    DoubleDictionary d =
        new DoubleDictionary(new double[] {Double.NEGATIVE_INFINITY, -0.0, 0.0, 1.5, Double.NaN});
    assertThat(d.lowerBound(DoubleKeys.key(0.0))).isEqualTo(2);
    assertThat(d.upperBound(DoubleKeys.key(-0.0))).isEqualTo(2);
    assertThat(d.lowerBound(DoubleKeys.key(Double.NaN))).isEqualTo(4);
    assertThat(d.lowerBound(DoubleKeys.key(1.0))).isEqualTo(3);
    StringDictionary s = new StringDictionary(new String[] {"", "a", "ab", "b"});
    assertThat(s.lowerBound("aa")).isEqualTo(2);
    assertThat(s.upperBound("ab")).isEqualTo(3);
    assertThat(s.lowerBound("c")).isEqualTo(4);
    assertThat(s.upperBound("")).isEqualTo(1);
  }

  @Test
  void doubleKeysFollowDoubleCompare() {
    double[] values = {
      Double.NEGATIVE_INFINITY,
      -1e300,
      -1.0,
      -Double.MIN_VALUE,
      -0.0,
      0.0,
      Double.MIN_VALUE,
      1.0,
      Double.MAX_VALUE,
      Double.POSITIVE_INFINITY,
      Double.NaN
    };
    for (double a : values) {
      assertThat(Double.doubleToLongBits(DoubleKeys.value(DoubleKeys.key(a))))
          .isEqualTo(Double.doubleToLongBits(a));
      for (double b : values) {
        assertThat(Long.signum(Long.compare(DoubleKeys.key(a), DoubleKeys.key(b))))
            .as(a + " vs " + b)
            .isEqualTo(Integer.signum(Double.compare(a, b)));
      }
    }
    assertThat(DoubleKeys.key(Double.longBitsToDouble(0x7ff0000000000001L)))
        .isEqualTo(DoubleKeys.key(Double.NaN));
  }
}
