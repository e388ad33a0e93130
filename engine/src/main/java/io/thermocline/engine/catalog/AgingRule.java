package io.thermocline.engine.catalog;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
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
import io.thermocline.common.type.TypeKind;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The aging rule of a hybrid table: its text (what SYS views show) and, when the engine's rule
 * syntax understands the text or the caller gave an expression, the condition: an unbound {@link
 * Expr} whose literals may be {@link RelativeTime}s ({@code CURRENT_TIMESTAMP - INTERVAL '90'
 * DAY}). {@code condition} is null for a rule only the SQL layer can evaluate. Immutable.
 */
public record AgingRule(String text, Expr condition) {
  public AgingRule {
    if ((text == null || text.isBlank()) && condition == null) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, "an aging rule needs a text");
    }
    if (text == null || text.isBlank()) {
      text = condition.toString();
    }
  }

  /** A rule from its text; the condition is parsed when the rule syntax covers it. */
  public static AgingRule parse(String text) {
    return new AgingRule(text, AgingRuleParser.tryParse(text));
  }

  /** A rule from a condition; its text is the condition's SQL-like rendering. */
  public static AgingRule of(Expr condition) {
    return new AgingRule(null, condition);
  }

  /**
   * The condition bound to {@code schema} with every {@link RelativeTime} fixed at {@code
   * nowMicros} (as a DATE for DATE columns): what the aging service evaluates in one run.
   */
  public Expr bindAt(Schema schema, long nowMicros) {
    if (condition == null) {
      throw new ThermoException(
          ErrorCode.UNSUPPORTED, "the aging rule '" + text + "' has no condition the engine reads");
    }
    return ExprBinder.bind(resolve(condition, schema, nowMicros), schema);
  }

  /** Checks that the condition names only columns of {@code schema} with comparable literals. */
  public void check(Schema schema, String table) {
    if (condition == null) {
      return;
    }
    try {
      bindAt(schema, 0);
    } catch (ThermoException e) {
      throw new ThermoException(
          e.code(), "aging rule '" + text + "' of table " + table + ": " + e.getMessage(), e);
    }
  }

  private static Expr resolve(Expr e, Schema schema, long now) {
    if (e instanceof Compare c) {
      TypeKind kind = columnKind(c.left(), schema);
      if (kind == null) {
        kind = columnKind(c.right(), schema);
      }
      return new Compare(c.op(), fix(c.left(), kind, now), fix(c.right(), kind, now));
    }
    if (e instanceof Between b) {
      TypeKind kind = columnKind(b.value(), schema);
      return new Between(b.value(), fix(b.low(), kind, now), fix(b.high(), kind, now));
    }
    if (e instanceof In in) {
      TypeKind kind = columnKind(in.value(), schema);
      List<Literal> list = new ArrayList<>();
      for (Literal l : in.list()) {
        list.add((Literal) fix(l, kind, now));
      }
      return new In(in.value(), list);
    }
    if (e instanceof IsNull || e instanceof ColumnRef || e instanceof Literal) {
      return e;
    }
    if (e instanceof And a) {
      return new And(a.terms().stream().map(t -> resolve(t, schema, now)).toList());
    }
    if (e instanceof Or o) {
      return new Or(o.terms().stream().map(t -> resolve(t, schema, now)).toList());
    }
    if (e instanceof Not n) {
      return new Not(resolve(n.term(), schema, now));
    }
    throw new ThermoException(ErrorCode.INTERNAL, "unknown expression " + e);
  }

  private static TypeKind columnKind(Expr e, Schema schema) {
    if (e instanceof ColumnRef c) {
      int i = schema.find(c.name());
      return i < 0 ? null : schema.column(i).type().kind();
    }
    return null;
  }

  private static Expr fix(Expr e, TypeKind kind, long now) {
    if (e instanceof Literal l && l.value() instanceof RelativeTime r) {
      long micros = Math.addExact(now, r.offsetMicros());
      if (kind == TypeKind.DATE) {
        return new Literal(
            LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0, ZoneOffset.UTC)
                .toLocalDate());
      }
      return new Literal(micros);
    }
    return e;
  }

  @Override
  public String toString() {
    return text;
  }
}
