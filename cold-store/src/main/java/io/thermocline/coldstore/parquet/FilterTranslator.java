package io.thermocline.coldstore.parquet;

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
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators.BinaryColumn;
import org.apache.parquet.filter2.predicate.Operators.BooleanColumn;
import org.apache.parquet.filter2.predicate.Operators.DoubleColumn;
import org.apache.parquet.filter2.predicate.Operators.IntColumn;
import org.apache.parquet.filter2.predicate.Operators.LongColumn;
import org.apache.parquet.io.api.Binary;

/**
 * Translates a bound filter in negation normal form into a parquet {@link FilterPredicate} used
 * only to prune row groups (statistics, dictionaries) and pages (column index). The translation may
 * be weaker than the filter, never stronger: a term it cannot express safely becomes "keep"
 * (dropped from an AND, and it voids an enclosing OR); rows are always re-checked exactly. Unsafe
 * on purpose and therefore skipped: {@code >}, {@code >=}, {@code <>} on doubles (a NaN row is TRUE
 * in Thermocline's order but parquet statistics leave NaN out), and string ranges whose literal has
 * characters from U+D800 up (UTF-8 byte order, which parquet uses, and UTF-16 order, which
 * Thermocline uses, only agree below that). Stateless.
 */
public final class FilterTranslator {
  private FilterTranslator() {}

  /** The predicate, or null when nothing can be pushed; {@code inFile} says which columns exist. */
  public static FilterPredicate translate(Expr e, Schema table, Predicate<String> inFile) {
    if (e instanceof And a) {
      FilterPredicate acc = null;
      for (Expr t : a.terms()) {
        FilterPredicate p = translate(t, table, inFile);
        if (p != null) {
          acc = acc == null ? p : FilterApi.and(acc, p);
        }
      }
      return acc;
    }
    if (e instanceof Or o) {
      FilterPredicate acc = null;
      for (Expr t : o.terms()) {
        FilterPredicate p = translate(t, table, inFile);
        if (p == null) {
          return null;
        }
        acc = acc == null ? p : FilterApi.or(acc, p);
      }
      return acc;
    }
    if (e instanceof Compare c) {
      if (c.left() instanceof ColumnRef col && c.right() instanceof Literal lit) {
        return compare(c.op(), table.column(col.index()), lit.value(), inFile);
      }
      if (c.right() instanceof ColumnRef col && c.left() instanceof Literal lit) {
        return compare(c.op().flip(), table.column(col.index()), lit.value(), inFile);
      }
      return null;
    }
    if (e instanceof Between b
        && b.value() instanceof ColumnRef col
        && b.low() instanceof Literal lo
        && b.high() instanceof Literal hi) {
      return translate(
          new And(List.of(new Compare(CompareOp.GE, col, lo), new Compare(CompareOp.LE, col, hi))),
          table,
          inFile);
    }
    if (e instanceof In in && in.value() instanceof ColumnRef col) {
      return in(table.column(col.index()), in.list(), inFile);
    }
    if (e instanceof IsNull n && n.value() instanceof ColumnRef col) {
      Column c = table.column(col.index());
      if (!inFile.test(c.name())) {
        return null;
      }
      return nullCheck(c, n.negated());
    }
    return null;
  }

  private static FilterPredicate compare(
      CompareOp op, Column c, Object lit, Predicate<String> inFile) {
    if (lit == null || !inFile.test(c.name())) {
      return null;
    }
    String name = c.name();
    switch (c.type().kind()) {
      case BOOLEAN -> {
        if (!(lit instanceof Long l) || (op != CompareOp.EQ && op != CompareOp.NE)) {
          return null;
        }
        BooleanColumn bc = FilterApi.booleanColumn(name);
        return op == CompareOp.EQ ? FilterApi.eq(bc, l != 0) : FilterApi.notEq(bc, l != 0);
      }
      case INTEGER, DATE -> {
        if (!(lit instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
          return null;
        }
        return ordered(op, FilterApi.intColumn(name), (int) (long) l);
      }
      case BIGINT, TIMESTAMP, DECIMAL -> {
        return lit instanceof Long l ? ordered(op, FilterApi.longColumn(name), l) : null;
      }
      case DOUBLE -> {
        if (!(lit instanceof Number x) || Double.isNaN(x.doubleValue())) {
          return null;
        }
        DoubleColumn dc = FilterApi.doubleColumn(name);
        double d = x.doubleValue();
        return switch (op) {
          case EQ -> FilterApi.eq(dc, d);
          case LT -> FilterApi.lt(dc, d);
          case LE -> FilterApi.ltEq(dc, d);
          default -> null;
        };
      }
      case VARCHAR -> {
        if (!(lit instanceof String s)) {
          return null;
        }
        BinaryColumn bc = FilterApi.binaryColumn(name);
        Binary b = Binary.fromString(s);
        if (op == CompareOp.EQ) {
          return FilterApi.eq(bc, b);
        }
        if (op == CompareOp.NE) {
          return FilterApi.notEq(bc, b);
        }
        return orderAgrees(s) ? ordered(op, bc, b) : null;
      }
      default -> {
        return null;
      }
    }
  }

  private static boolean orderAgrees(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0xD800) {
        return false;
      }
    }
    return true;
  }

  private static FilterPredicate ordered(CompareOp op, IntColumn col, Integer v) {
    return switch (op) {
      case EQ -> FilterApi.eq(col, v);
      case NE -> FilterApi.notEq(col, v);
      case LT -> FilterApi.lt(col, v);
      case LE -> FilterApi.ltEq(col, v);
      case GT -> FilterApi.gt(col, v);
      case GE -> FilterApi.gtEq(col, v);
    };
  }

  private static FilterPredicate ordered(CompareOp op, LongColumn col, Long v) {
    return switch (op) {
      case EQ -> FilterApi.eq(col, v);
      case NE -> FilterApi.notEq(col, v);
      case LT -> FilterApi.lt(col, v);
      case LE -> FilterApi.ltEq(col, v);
      case GT -> FilterApi.gt(col, v);
      case GE -> FilterApi.gtEq(col, v);
    };
  }

  private static FilterPredicate ordered(CompareOp op, BinaryColumn col, Binary v) {
    return switch (op) {
      case EQ -> FilterApi.eq(col, v);
      case NE -> FilterApi.notEq(col, v);
      case LT -> FilterApi.lt(col, v);
      case LE -> FilterApi.ltEq(col, v);
      case GT -> FilterApi.gt(col, v);
      case GE -> FilterApi.gtEq(col, v);
    };
  }

  private static FilterPredicate in(Column c, List<Literal> list, Predicate<String> inFile) {
    if (!inFile.test(c.name())) {
      return null;
    }
    String name = c.name();
    switch (c.type().kind()) {
      case BIGINT, TIMESTAMP, DECIMAL -> {
        Set<Long> values = new HashSet<>();
        for (Literal l : list) {
          if (l.value() instanceof Long v) {
            values.add(v);
          } else if (l.value() != null) {
            return null;
          }
        }
        return values.isEmpty() ? null : FilterApi.in(FilterApi.longColumn(name), values);
      }
      case INTEGER, DATE -> {
        Set<Integer> values = new HashSet<>();
        for (Literal l : list) {
          if (l.value() instanceof Long v && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            values.add((int) (long) v);
          } else if (l.value() != null && !(l.value() instanceof Long)) {
            return null;
          }
        }
        return values.isEmpty() ? null : FilterApi.in(FilterApi.intColumn(name), values);
      }
      case VARCHAR -> {
        Set<Binary> values = new HashSet<>();
        for (Literal l : list) {
          if (l.value() instanceof String v) {
            values.add(Binary.fromString(v));
          } else if (l.value() != null) {
            return null;
          }
        }
        return values.isEmpty() ? null : FilterApi.in(FilterApi.binaryColumn(name), values);
      }
      default -> {
        return null;
      }
    }
  }

  private static FilterPredicate nullCheck(Column c, boolean negated) {
    String name = c.name();
    return switch (c.type().kind()) {
      case BOOLEAN ->
          negated
              ? FilterApi.notEq(FilterApi.booleanColumn(name), null)
              : FilterApi.eq(FilterApi.booleanColumn(name), null);
      case INTEGER, DATE ->
          negated
              ? FilterApi.notEq(FilterApi.intColumn(name), null)
              : FilterApi.eq(FilterApi.intColumn(name), null);
      case BIGINT, TIMESTAMP, DECIMAL ->
          negated
              ? FilterApi.notEq(FilterApi.longColumn(name), null)
              : FilterApi.eq(FilterApi.longColumn(name), null);
      case DOUBLE ->
          negated
              ? FilterApi.notEq(FilterApi.doubleColumn(name), null)
              : FilterApi.eq(FilterApi.doubleColumn(name), null);
      case VARCHAR ->
          negated
              ? FilterApi.notEq(FilterApi.binaryColumn(name), null)
              : FilterApi.eq(FilterApi.binaryColumn(name), null);
    };
  }
}
