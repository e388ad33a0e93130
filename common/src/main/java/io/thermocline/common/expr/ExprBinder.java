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
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import io.thermocline.common.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves column names against a schema (an unknown column is an error naming it) and turns
 * literals compared with a column into that column's storage values, so tiers compare primitives
 * only. A numeric literal of another class (a DOUBLE literal against a BIGINT column) stays as it
 * is and is compared numerically. Stateless.
 */
public final class ExprBinder {
  private ExprBinder() {}

  public static Expr bind(Expr e, Schema schema) {
    if (e == null) {
      return null;
    }
    if (e instanceof ColumnRef c) {
      int index = schema.indexOf(c.name());
      return new ColumnRef(schema.column(index).name(), index);
    }
    if (e instanceof Literal l) {
      return l;
    }
    if (e instanceof Compare c) {
      Expr left = bind(c.left(), schema);
      Expr right = bind(c.right(), schema);
      if (isUnbound(c.left()) && left instanceof ColumnRef col && right instanceof Literal lit) {
        right = coerce(lit, schema.column(col.index()));
      } else if (isUnbound(c.right())
          && right instanceof ColumnRef col
          && left instanceof Literal lit) {
        left = coerce(lit, schema.column(col.index()));
      }
      return new Compare(c.op(), left, right);
    }
    if (e instanceof Between b) {
      Expr v = bind(b.value(), schema);
      Expr lo = bind(b.low(), schema);
      Expr hi = bind(b.high(), schema);
      if (isUnbound(b.value()) && v instanceof ColumnRef col) {
        Column column = schema.column(col.index());
        lo = lo instanceof Literal l ? coerce(l, column) : lo;
        hi = hi instanceof Literal l ? coerce(l, column) : hi;
      }
      return new Between(v, lo, hi);
    }
    if (e instanceof In in) {
      Expr v = bind(in.value(), schema);
      List<Literal> list = in.list();
      if (isUnbound(in.value()) && v instanceof ColumnRef col) {
        Column column = schema.column(col.index());
        List<Literal> coerced = new ArrayList<>(list.size());
        for (Literal l : list) {
          coerced.add(coerce(l, column));
        }
        list = coerced;
      }
      return new In(v, list);
    }
    if (e instanceof IsNull n) {
      return new IsNull(bind(n.value(), schema), n.negated());
    }
    if (e instanceof And a) {
      return new And(a.terms().stream().map(t -> bind(t, schema)).toList());
    }
    if (e instanceof Or o) {
      return new Or(o.terms().stream().map(t -> bind(t, schema)).toList());
    }
    if (e instanceof Not n) {
      return new Not(bind(n.term(), schema));
    }
    throw new ThermoException(ErrorCode.INTERNAL, "unknown expression " + e);
  }

  private static boolean isUnbound(Expr e) {
    return !(e instanceof ColumnRef c) || c.index() < 0;
  }

  private static Literal coerce(Literal lit, Column column) {
    Object v = lit.value();
    if (v == null) {
      return lit;
    }
    StorageClass storage = column.type().storage();
    if (column.type().kind() == TypeKind.DECIMAL && v instanceof Number n) {
      // Compare in the unscaled domain: exact when the literal fits the scale, else a scaled
      // double.
      BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
      BigDecimal unscaled = d.movePointRight(column.type().scale());
      try {
        return new Literal(unscaled.longValueExact());
      } catch (ArithmeticException inexact) {
        return new Literal(unscaled.doubleValue());
      }
    }
    if (storage == StorageClass.LONG && (v instanceof Double || v instanceof Float)) {
      return new Literal(((Number) v).doubleValue());
    }
    if (storage == StorageClass.DOUBLE && v instanceof Number n) {
      return new Literal(n.doubleValue());
    }
    if (storage == StorageClass.STRING && v instanceof String s) {
      // A literal longer than the column cannot match but is not an error in a predicate.
      return new Literal(s);
    }
    try {
      return new Literal(column.type().toStorage(v, column.name()));
    } catch (ThermoException ex) {
      throw new ThermoException(
          ErrorCode.TYPE_MISMATCH,
          "cannot compare column " + column.name() + " (" + column.type().sql() + ") with " + lit,
          ex);
    }
  }
}
