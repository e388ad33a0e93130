package io.thermocline.bench.jdbc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Compares query answers across systems that return rows in different orders and types (engine
 * storage values, Calcite JDBC objects, DuckDB JDBC objects). Stateless.
 */
final class AnswerCheck {
  private AnswerCheck() {}

  /**
   * Rows in a comparable form, sorted: times as wall-clock microseconds (the engine returns them
   * so; JDBC drivers return Timestamp or LocalDateTime of the wall clock), other numbers as
   * doubles.
   */
  static List<Object[]> canonical(List<Object[]> rows, int tsColumn) {
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      Object[] c = new Object[r.length];
      for (int i = 0; i < r.length; i++) {
        Object v = r[i];
        if (i == tsColumn) {
          c[i] = micros(v);
        } else if (v instanceof Number n) {
          c[i] = n.doubleValue();
        } else {
          c[i] = v == null ? null : v.toString();
        }
      }
      out.add(c);
    }
    out.sort(Comparator.comparing(AnswerCheck::sortKey));
    return out;
  }

  private static String sortKey(Object[] row) {
    StringBuilder sb = new StringBuilder();
    for (Object v : row) {
      if (!(v instanceof Double)) {
        sb.append(v).append('\u0000');
      }
    }
    return sb.toString();
  }

  private static Long micros(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Long l) {
      return l;
    }
    LocalDateTime local =
        v instanceof java.sql.Timestamp ts
            ? ts.toLocalDateTime()
            : v instanceof LocalDateTime l
                ? l
                : LocalDateTime.parse(v.toString().replace(' ', 'T'));
    return ChronoUnit.MICROS.between(Instant.EPOCH, local.toInstant(ZoneOffset.UTC));
  }

  /** Same rows; doubles to 1e-9 relative (DuckDB sums in another order). */
  static void check(String what, List<Object[]> expected, List<Object[]> raw, int tsColumn) {
    List<Object[]> actual = canonical(raw, tsColumn);
    if (actual.size() != expected.size()) {
      throw new IllegalStateException(
          what + ": " + actual.size() + " rows, DuckDB " + expected.size());
    }
    for (int r = 0; r < actual.size(); r++) {
      Object[] a = actual.get(r);
      Object[] e = expected.get(r);
      for (int i = 0; i < a.length; i++) {
        boolean same =
            a[i] instanceof Double x && e[i] instanceof Double y
                ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y))
                : java.util.Objects.equals(a[i], e[i]);
        if (!same) {
          throw new IllegalStateException(
              what
                  + ": row "
                  + r
                  + " is "
                  + Arrays.toString(a)
                  + ", DuckDB says "
                  + Arrays.toString(e));
        }
      }
    }
  }
}
