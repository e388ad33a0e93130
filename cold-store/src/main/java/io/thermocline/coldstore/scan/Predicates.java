package io.thermocline.coldstore.scan;

import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.Expr.And;
import io.thermocline.common.expr.Expr.Between;
import io.thermocline.common.expr.Expr.ColumnRef;
import io.thermocline.common.expr.Expr.Compare;
import io.thermocline.common.expr.Expr.In;
import io.thermocline.common.expr.Expr.IsNull;
import io.thermocline.common.expr.Expr.Literal;
import io.thermocline.common.expr.Expr.Not;
import io.thermocline.common.expr.Expr.Or;
import io.thermocline.common.expr.ExprBinder;
import io.thermocline.common.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Shapes a pushed-down {@link Expr} for the cold tier: binds it to the table (unless the engine
 * already did, which re-binding would break: literals are storage values then), re-points column
 * references at another schema by name, and pushes NOT down to the leaves. Every rewrite keeps SQL
 * three-valued semantics: De Morgan holds for unknown, and {@code NOT (a < b)} is {@code a >= b}
 * under the total order of {@code ExprEvaluator.compare}. Stateless.
 */
public final class Predicates {
  private Predicates() {}

  /** The filter bound to {@code table}: bound as given if every column reference is bound. */
  public static Expr bindToTable(Expr filter, Schema table) {
    if (filter == null) {
      return null;
    }
    return isBound(filter) ? remap(filter, table) : ExprBinder.bind(filter, table);
  }

  private static boolean isBound(Expr e) {
    if (e instanceof ColumnRef c) {
      return c.index() >= 0;
    }
    if (e instanceof Compare c) {
      return isBound(c.left()) && isBound(c.right());
    }
    if (e instanceof Between b) {
      return isBound(b.value()) && isBound(b.low()) && isBound(b.high());
    }
    if (e instanceof In i) {
      return isBound(i.value());
    }
    if (e instanceof IsNull n) {
      return isBound(n.value());
    }
    if (e instanceof And a) {
      return a.terms().stream().allMatch(Predicates::isBound);
    }
    if (e instanceof Or o) {
      return o.terms().stream().allMatch(Predicates::isBound);
    }
    if (e instanceof Not n) {
      return isBound(n.term());
    }
    return true;
  }

  /** The same expression with every column reference pointing at {@code schema}'s index. */
  public static Expr remap(Expr e, Schema schema) {
    if (e == null) {
      return null;
    }
    if (e instanceof ColumnRef c) {
      int i = schema.indexOf(c.name());
      return new ColumnRef(schema.column(i).name(), i);
    }
    if (e instanceof Compare c) {
      return new Compare(c.op(), remap(c.left(), schema), remap(c.right(), schema));
    }
    if (e instanceof Between b) {
      return new Between(remap(b.value(), schema), remap(b.low(), schema), remap(b.high(), schema));
    }
    if (e instanceof In i) {
      return new In(remap(i.value(), schema), i.list());
    }
    if (e instanceof IsNull n) {
      return new IsNull(remap(n.value(), schema), n.negated());
    }
    if (e instanceof And a) {
      return new And(a.terms().stream().map(t -> remap(t, schema)).toList());
    }
    if (e instanceof Or o) {
      return new Or(o.terms().stream().map(t -> remap(t, schema)).toList());
    }
    if (e instanceof Not n) {
      return new Not(remap(n.term(), schema));
    }
    return e;
  }

  /** Negation normal form: NOT only directly above a column or literal (a boolean value). */
  public static Expr pushNot(Expr e) {
    if (e == null) {
      return null;
    }
    if (e instanceof And a) {
      return new And(a.terms().stream().map(Predicates::pushNot).toList());
    }
    if (e instanceof Or o) {
      return new Or(o.terms().stream().map(Predicates::pushNot).toList());
    }
    if (e instanceof Not n) {
      return negate(n.term());
    }
    return e;
  }

  private static Expr negate(Expr e) {
    if (e instanceof Not n) {
      return pushNot(n.term());
    }
    if (e instanceof And a) {
      return new Or(a.terms().stream().map(Predicates::negate).toList());
    }
    if (e instanceof Or o) {
      return new And(o.terms().stream().map(Predicates::negate).toList());
    }
    if (e instanceof Compare c) {
      return new Compare(c.op().negate(), c.left(), c.right());
    }
    if (e instanceof Between b) {
      return new Or(
          List.of(
              new Compare(CompareOp.LT, b.value(), b.low()),
              new Compare(CompareOp.GT, b.value(), b.high())));
    }
    if (e instanceof In in) {
      List<Expr> terms = new ArrayList<>(in.list().size());
      for (Literal l : in.list()) {
        terms.add(new Compare(CompareOp.NE, in.value(), l));
      }
      return new And(terms);
    }
    if (e instanceof IsNull n) {
      return new IsNull(n.value(), !n.negated());
    }
    return new Not(e);
  }
}
