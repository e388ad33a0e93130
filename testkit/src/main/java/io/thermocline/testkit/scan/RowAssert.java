package io.thermocline.testkit.scan;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.scan.AggFunction;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares rows of storage values the way the conformance tests need: scans as multisets (order is
 * not part of the contract), values exactly by class and {@link Object#equals} (so NaN equals NaN
 * and -0.0 differs from 0.0, as in {@code Double.compare}); aggregate rows by group key, with a
 * relative tolerance only for double SUM and AVG, whose summation order legitimately differs.
 * Failures list the missing and unexpected rows. Stateless.
 */
public final class RowAssert {
  /** Relative tolerance for double SUM and AVG. */
  public static final double RELATIVE_TOLERANCE = 1e-9;

  // Below any meaningful magnitude: absorbs subnormal noise when a sum cancels to about zero.
  private static final double ABSOLUTE_FLOOR = 1e-300;
  private static final int SHOWN = 8;

  private RowAssert() {}

  /** Drains a cursor (and closes it) into rows; checks that no batch is empty. */
  public static List<Object[]> drain(BatchCursor cursor, String context) {
    List<Object[]> rows = new ArrayList<>();
    try (cursor) {
      for (ColumnBatch b = cursor.next(); b != null; b = cursor.next()) {
        if (b.rowCount() == 0) {
          throw new AssertionError(context + ": the cursor returned an empty batch");
        }
        rows.addAll(b.rows());
      }
    }
    return rows;
  }

  /** Asserts that two lists hold the same rows, counting duplicates, in any order. */
  public static void assertSameRows(
      String context, List<Object[]> expected, List<Object[]> actual) {
    Map<Row, Integer> diff = new LinkedHashMap<>();
    for (Object[] r : expected) {
      diff.merge(new Row(r), 1, Integer::sum);
    }
    for (Object[] r : actual) {
      diff.merge(new Row(r), -1, Integer::sum);
    }
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    int missingCount = 0;
    int unexpectedCount = 0;
    for (Map.Entry<Row, Integer> e : diff.entrySet()) {
      int n = e.getValue();
      if (n > 0) {
        missingCount += n;
        if (missing.size() < SHOWN) {
          missing.add(format(e.getKey().values) + (n > 1 ? " x" + n : ""));
        }
      } else if (n < 0) {
        unexpectedCount -= n;
        if (unexpected.size() < SHOWN) {
          unexpected.add(format(e.getKey().values) + (n < -1 ? " x" + -n : ""));
        }
      }
    }
    if (missingCount + unexpectedCount > 0) {
      throw new AssertionError(
          context
              + ": expected "
              + expected.size()
              + " rows, got "
              + actual.size()
              + "; "
              + missingCount
              + " missing "
              + missing
              + ", "
              + unexpectedCount
              + " unexpected "
              + unexpected);
    }
  }

  /**
   * Asserts that two aggregate results (rows of {@code AggregateResult.rows()}: group key values,
   * then one value per call) have the same groups and, per group, equal values: exact for COUNT,
   * MIN, MAX and long SUM; within {@link #RELATIVE_TOLERANCE} for double SUM and AVG.
   */
  public static void assertSameAggregates(
      String context, AggregateSpec spec, List<Object[]> expected, List<Object[]> actual) {
    int k = spec.groupBy().size();
    Map<Row, Object[]> want = byKey(context + " (expected)", expected, k);
    Map<Row, Object[]> got = byKey(context + " (actual)", actual, k);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<Row, Object[]> e : want.entrySet()) {
      Object[] g = got.get(e.getKey());
      if (g == null) {
        problems.add("missing group " + format(e.getKey().values) + " " + format(e.getValue()));
        continue;
      }
      Object[] w = e.getValue();
      if (g.length != w.length) {
        problems.add("group " + format(e.getKey().values) + " has " + g.length + " values");
        continue;
      }
      for (int i = 0; i < spec.calls().size(); i++) {
        AggFunction f = spec.calls().get(i).function();
        boolean tolerant = f == AggFunction.SUM || f == AggFunction.AVG;
        Object a = w[k + i];
        Object b = g[k + i];
        if (!(tolerant ? close(a, b) : same(a, b))) {
          problems.add(
              "group "
                  + format(e.getKey().values)
                  + " "
                  + spec.calls().get(i)
                  + ": expected "
                  + show(a)
                  + " got "
                  + show(b));
        }
      }
    }
    for (Map.Entry<Row, Object[]> e : got.entrySet()) {
      if (!want.containsKey(e.getKey())) {
        problems.add("unexpected group " + format(e.getKey().values) + " " + format(e.getValue()));
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          context
              + " "
              + spec
              + ": "
              + problems.size()
              + " differences, first: "
              + problems.subList(0, Math.min(SHOWN, problems.size())));
    }
  }

  /** Exact equality of storage values: same class and {@code equals}. */
  public static boolean same(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }

  /** Exact for non-doubles; doubles within the relative tolerance, NaN equal to NaN. */
  public static boolean close(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      if (x.isNaN() || y.isNaN() || x.isInfinite() || y.isInfinite()) {
        return x.equals(y);
      }
      double tolerance = RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
      return Math.abs(x - y) <= Math.max(tolerance, ABSOLUTE_FLOOR);
    }
    return same(a, b);
  }

  private static Map<Row, Object[]> byKey(String context, List<Object[]> rows, int k) {
    Map<Row, Object[]> out = new LinkedHashMap<>();
    for (Object[] r : rows) {
      if (out.put(new Row(Arrays.copyOf(r, k)), r) != null) {
        throw new AssertionError(context + ": group " + format(Arrays.copyOf(r, k)) + " twice");
      }
    }
    return out;
  }

  /** A row for messages: NULL, quoted strings, longs bare and doubles with a decimal point. */
  public static String format(Object[] row) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < row.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(show(row[i]));
    }
    return sb.append(')').toString();
  }

  private static String show(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof String s) {
      return "'" + s + "'";
    }
    if (v instanceof Double || v instanceof Long) {
      return v.toString();
    }
    return v + ":" + v.getClass().getSimpleName();
  }

  /** Value semantics for a row in hash maps. */
  private static final class Row {
    final Object[] values;

    Row(Object[] values) {
      this.values = values;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Row r && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }
}
