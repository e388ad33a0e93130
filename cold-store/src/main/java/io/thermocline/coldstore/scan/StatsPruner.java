package io.thermocline.coldstore.scan;

import io.thermocline.coldstore.meta.ColumnStats;
import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.Expr.And;
import io.thermocline.common.expr.Expr.Between;
import io.thermocline.common.expr.Expr.ColumnRef;
import io.thermocline.common.expr.Expr.Compare;
import io.thermocline.common.expr.Expr.In;
import io.thermocline.common.expr.Expr.IsNull;
import io.thermocline.common.expr.Expr.Literal;
import io.thermocline.common.expr.Expr.Or;
import io.thermocline.common.expr.ExprEvaluator;

/**
 * Decides from a file's manifest statistics whether a filter (in negation normal form, bound to the
 * table) can be TRUE for any of its rows. It answers "no" only when that is certain; the stats are
 * in the same order as {@link ExprEvaluator#compare} (NaN largest, strings by UTF-16), so the
 * answer is exact with respect to the reference semantics. Stateless.
 */
public final class StatsPruner {
  private StatsPruner() {}

  public static boolean mightMatch(Expr e, FileEntry file) {
    if (e == null) {
      return true;
    }
    if (e instanceof And a) {
      for (Expr t : a.terms()) {
        if (!mightMatch(t, file)) {
          return false;
        }
      }
      return true;
    }
    if (e instanceof Or o) {
      for (Expr t : o.terms()) {
        if (mightMatch(t, file)) {
          return true;
        }
      }
      return o.terms().isEmpty();
    }
    if (e instanceof Compare c) {
      if (c.left() instanceof ColumnRef col && c.right() instanceof Literal lit) {
        return compare(c.op(), file.stats(col.index()), file.rowCount(), lit.value());
      }
      if (c.right() instanceof ColumnRef col && c.left() instanceof Literal lit) {
        return compare(c.op().flip(), file.stats(col.index()), file.rowCount(), lit.value());
      }
      return true;
    }
    if (e instanceof Between b && b.value() instanceof ColumnRef col) {
      if (!(b.low() instanceof Literal lo) || !(b.high() instanceof Literal hi)) {
        return true;
      }
      ColumnStats s = file.stats(col.index());
      return compare(CompareOp.GE, s, file.rowCount(), lo.value())
          && compare(CompareOp.LE, s, file.rowCount(), hi.value());
    }
    if (e instanceof In in && in.value() instanceof ColumnRef col) {
      ColumnStats s = file.stats(col.index());
      for (Literal l : in.list()) {
        if (compare(CompareOp.EQ, s, file.rowCount(), l.value())) {
          return true;
        }
      }
      return false;
    }
    if (e instanceof IsNull n && n.value() instanceof ColumnRef col) {
      ColumnStats s = file.stats(col.index());
      return n.negated() ? s.nullCount() < file.rowCount() : s.nullCount() > 0;
    }
    return true;
  }

  private static boolean compare(CompareOp op, ColumnStats s, long rows, Object lit) {
    if (lit == null || s.nullCount() >= rows) {
      return false; // a comparison with NULL, or over only NULLs, is never TRUE
    }
    if (!s.hasMinMax() || !comparable(s.min(), lit)) {
      return true;
    }
    int loCmp = ExprEvaluator.compare(s.min(), lit);
    int hiCmp = ExprEvaluator.compare(s.max(), lit);
    return switch (op) {
      case EQ -> loCmp <= 0 && hiCmp >= 0;
      case NE -> !(loCmp == 0 && hiCmp == 0);
      case LT -> loCmp < 0;
      case LE -> loCmp <= 0;
      case GT -> hiCmp > 0;
      case GE -> hiCmp >= 0;
    };
  }

  private static boolean comparable(Object stat, Object lit) {
    return (stat instanceof String) == (lit instanceof String);
  }
}
