package io.thermocline.common.expr;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr.And;
import io.thermocline.common.expr.Expr.Between;
import io.thermocline.common.expr.Expr.ColumnRef;
import io.thermocline.common.expr.Expr.Compare;
import io.thermocline.common.expr.Expr.In;
import io.thermocline.common.expr.Expr.IsNull;
import io.thermocline.common.expr.Expr.Literal;
import io.thermocline.common.expr.Expr.Not;
import io.thermocline.common.expr.Expr.Or;

/**
 * Row-at-a-time evaluation of a bound {@link Expr} over storage values, with SQL three-valued logic
 * ({@code null} = unknown). The reference for every vectorized evaluation: tiers must agree with
 * it. Used where rows are few (cold delta, reference model, tests). Stateless.
 */
public final class ExprEvaluator {
  private ExprEvaluator() {}

  /** True only when the predicate is true for the row; {@code null} filter accepts every row. */
  public static boolean matches(Expr filter, Object[] row) {
    return filter == null || Boolean.TRUE.equals(evaluate(filter, row));
  }

  /** TRUE, FALSE or {@code null} (unknown). */
  public static Boolean evaluate(Expr e, Object[] row) {
    if (e instanceof Compare c) {
      Object l = value(c.left(), row);
      Object r = value(c.right(), row);
      if (l == null || r == null) {
        return null;
      }
      return c.op().test(compare(l, r));
    }
    if (e instanceof Between b) {
      Object v = value(b.value(), row);
      Object lo = value(b.low(), row);
      Object hi = value(b.high(), row);
      Boolean ge = v == null || lo == null ? null : compare(v, lo) >= 0;
      Boolean le = v == null || hi == null ? null : compare(v, hi) <= 0;
      return and3(ge, le);
    }
    if (e instanceof In in) {
      Object v = value(in.value(), row);
      if (v == null) {
        return null;
      }
      boolean sawNull = false;
      for (Literal l : in.list()) {
        if (l.value() == null) {
          sawNull = true;
        } else if (compare(v, l.value()) == 0) {
          return true;
        }
      }
      return sawNull ? null : false;
    }
    if (e instanceof IsNull n) {
      boolean isNull = value(n.value(), row) == null;
      return n.negated() != isNull;
    }
    if (e instanceof And a) {
      Boolean acc = true;
      for (Expr t : a.terms()) {
        acc = and3(acc, evaluate(t, row));
        if (Boolean.FALSE.equals(acc)) {
          return false;
        }
      }
      return acc;
    }
    if (e instanceof Or o) {
      Boolean acc = false;
      for (Expr t : o.terms()) {
        Boolean v = evaluate(t, row);
        if (Boolean.TRUE.equals(v)) {
          return true;
        }
        acc = v == null ? null : acc;
      }
      return acc;
    }
    if (e instanceof Not n) {
      Boolean v = evaluate(n.term(), row);
      return v == null ? null : !v;
    }
    if (e instanceof ColumnRef || e instanceof Literal) {
      Object v = value(e, row);
      if (v == null) {
        return null;
      }
      if (v instanceof Long l) {
        return l != 0L;
      }
      throw new ThermoException(ErrorCode.TYPE_MISMATCH, "not a boolean: " + e);
    }
    throw new ThermoException(ErrorCode.INTERNAL, "unknown expression " + e);
  }

  private static Boolean and3(Boolean a, Boolean b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    return a == null || b == null ? null : true;
  }

  private static Object value(Expr e, Object[] row) {
    if (e instanceof ColumnRef c) {
      if (c.index() < 0) {
        throw new ThermoException(ErrorCode.INTERNAL, "column " + c.name() + " is not bound");
      }
      return row[c.index()];
    }
    if (e instanceof Literal l) {
      return l.value();
    }
    throw new ThermoException(
        ErrorCode.UNSUPPORTED, "only columns and literals may be compared, not " + e);
  }

  /**
   * Compares two non-null storage values: longs exactly, any double numerically (Double.compare
   * order, so NaN sorts last and -0.0 before 0.0, as in the sorted dictionaries), strings by UTF-16
   * code unit order.
   */
  public static int compare(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    throw new ThermoException(ErrorCode.TYPE_MISMATCH, "cannot compare " + a + " with " + b);
  }
}
