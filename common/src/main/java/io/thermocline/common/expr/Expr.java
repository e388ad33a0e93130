package io.thermocline.common.expr;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A predicate pushed down into a tier: comparisons, BETWEEN, IN, IS [NOT] NULL, AND, OR, NOT over
 * columns and literals. Literals hold storage values (Long, Double, String) once bound by {@link
 * ExprBinder}; before binding they may hold any user value the column type accepts. Immutable.
 *
 * <p>Semantics are SQL's three-valued logic: a comparison with NULL is unknown, and a row passes a
 * filter only when the predicate is true.
 */
public sealed interface Expr {

  /** A column reference; {@code index} is -1 until bound to a schema. */
  record ColumnRef(String name, int index) implements Expr {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A constant; {@code null} is SQL NULL. */
  record Literal(Object value) implements Expr {
    @Override
    public String toString() {
      return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
    }
  }

  record Compare(CompareOp op, Expr left, Expr right) implements Expr {
    @Override
    public String toString() {
      return left + " " + op.symbol() + " " + right;
    }
  }

  /** {@code value BETWEEN low AND high}, both bounds inclusive. */
  record Between(Expr value, Expr low, Expr high) implements Expr {
    @Override
    public String toString() {
      return value + " BETWEEN " + low + " AND " + high;
    }
  }

  record In(Expr value, List<Literal> list) implements Expr {
    public In {
      list = List.copyOf(list);
    }

    @Override
    public String toString() {
      return value
          + " IN ("
          + list.stream().map(Object::toString).collect(Collectors.joining(", "))
          + ")";
    }
  }

  record IsNull(Expr value, boolean negated) implements Expr {
    @Override
    public String toString() {
      return value + (negated ? " IS NOT NULL" : " IS NULL");
    }
  }

  record And(List<Expr> terms) implements Expr {
    public And {
      terms = List.copyOf(terms);
    }

    @Override
    public String toString() {
      return terms.stream().map(t -> "(" + t + ")").collect(Collectors.joining(" AND "));
    }
  }

  record Or(List<Expr> terms) implements Expr {
    public Or {
      terms = List.copyOf(terms);
    }

    @Override
    public String toString() {
      return terms.stream().map(t -> "(" + t + ")").collect(Collectors.joining(" OR "));
    }
  }

  record Not(Expr term) implements Expr {
    @Override
    public String toString() {
      return "NOT (" + term + ")";
    }
  }

  static ColumnRef col(String name) {
    return new ColumnRef(name, -1);
  }

  static Literal lit(Object value) {
    return new Literal(value);
  }

  static Expr compare(String column, CompareOp op, Object value) {
    return new Compare(op, col(column), lit(value));
  }

  static Expr eq(String column, Object value) {
    return compare(column, CompareOp.EQ, value);
  }

  static Expr ne(String column, Object value) {
    return compare(column, CompareOp.NE, value);
  }

  static Expr lt(String column, Object value) {
    return compare(column, CompareOp.LT, value);
  }

  static Expr le(String column, Object value) {
    return compare(column, CompareOp.LE, value);
  }

  static Expr gt(String column, Object value) {
    return compare(column, CompareOp.GT, value);
  }

  static Expr ge(String column, Object value) {
    return compare(column, CompareOp.GE, value);
  }

  static Expr between(String column, Object low, Object high) {
    return new Between(col(column), lit(low), lit(high));
  }

  static Expr in(String column, Object... values) {
    return new In(col(column), Arrays.stream(values).map(Expr::lit).toList());
  }

  static Expr isNull(String column) {
    return new IsNull(col(column), false);
  }

  static Expr isNotNull(String column) {
    return new IsNull(col(column), true);
  }

  static Expr and(Expr... terms) {
    return new And(List.of(terms));
  }

  static Expr or(Expr... terms) {
    return new Or(List.of(terms));
  }

  static Expr not(Expr term) {
    return new Not(term);
  }

  /** Names of the columns this expression reads, in first-use order. */
  default Set<String> columns() {
    Set<String> out = new LinkedHashSet<>();
    collectColumns(this, out);
    return out;
  }

  private static void collectColumns(Expr e, Set<String> out) {
    // Java 17 has no pattern matching for switch; an instanceof chain over the sealed family.
    if (e instanceof ColumnRef c) {
      out.add(c.name());
    } else if (e instanceof Compare c) {
      collectColumns(c.left(), out);
      collectColumns(c.right(), out);
    } else if (e instanceof Between b) {
      collectColumns(b.value(), out);
      collectColumns(b.low(), out);
      collectColumns(b.high(), out);
    } else if (e instanceof In i) {
      collectColumns(i.value(), out);
    } else if (e instanceof IsNull n) {
      collectColumns(n.value(), out);
    } else if (e instanceof And a) {
      a.terms().forEach(t -> collectColumns(t, out));
    } else if (e instanceof Or o) {
      o.terms().forEach(t -> collectColumns(t, out));
    } else if (e instanceof Not n) {
      collectColumns(n.term(), out);
    }
  }
}
