package io.thermocline.engine.table;

import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.Expr.And;
import io.thermocline.common.expr.Expr.Between;
import io.thermocline.common.expr.Expr.ColumnRef;
import io.thermocline.common.expr.Expr.Compare;
import io.thermocline.common.expr.Expr.Literal;

/**
 * An inclusive range of a LONG-stored time column: what a bound filter implies about it (only
 * top-level AND terms comparing the column with a long literal count), or the values a tier has
 * held. {@link #EMPTY} contains nothing. Immutable.
 */
public record TimeRange(long min, long max) {
  public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);
  public static final TimeRange EMPTY = new TimeRange(Long.MAX_VALUE, Long.MIN_VALUE);

  public boolean isEmpty() {
    return min > max;
  }

  public boolean overlaps(TimeRange o) {
    return !isEmpty() && !o.isEmpty() && min <= o.max && o.min <= max;
  }

  public TimeRange intersect(TimeRange o) {
    return new TimeRange(Math.max(min, o.min), Math.min(max, o.max));
  }

  /** The smallest range holding both. */
  public TimeRange span(TimeRange o) {
    if (isEmpty()) {
      return o;
    }
    if (o.isEmpty()) {
      return this;
    }
    return new TimeRange(Math.min(min, o.min), Math.max(max, o.max));
  }

  /** What {@code bound} (bound to the table's schema) implies about column {@code column}. */
  public static TimeRange implied(Expr bound, int column) {
    if (bound instanceof And a) {
      TimeRange r = ALL;
      for (Expr t : a.terms()) {
        r = r.intersect(implied(t, column));
      }
      return r;
    }
    if (bound instanceof Between b
        && isColumn(b.value(), column)
        && b.low() instanceof Literal lo
        && lo.value() instanceof Long l
        && b.high() instanceof Literal hi
        && hi.value() instanceof Long h) {
      return new TimeRange(l, h);
    }
    if (bound instanceof Compare c) {
      if (isColumn(c.left(), column)
          && c.right() instanceof Literal l
          && l.value() instanceof Long v) {
        return of(c.op(), v);
      }
      if (isColumn(c.right(), column)
          && c.left() instanceof Literal l
          && l.value() instanceof Long v) {
        return of(c.op().flip(), v);
      }
    }
    return ALL;
  }

  private static boolean isColumn(Expr e, int column) {
    return e instanceof ColumnRef c && c.index() == column;
  }

  private static TimeRange of(CompareOp op, long v) {
    return switch (op) {
      case EQ -> new TimeRange(v, v);
      case LT -> v == Long.MIN_VALUE ? EMPTY : new TimeRange(Long.MIN_VALUE, v - 1);
      case LE -> new TimeRange(Long.MIN_VALUE, v);
      case GT -> v == Long.MAX_VALUE ? EMPTY : new TimeRange(v + 1, Long.MAX_VALUE);
      case GE -> new TimeRange(v, Long.MAX_VALUE);
      case NE -> ALL;
    };
  }
}
