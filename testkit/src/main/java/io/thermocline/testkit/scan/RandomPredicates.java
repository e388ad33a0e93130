package io.thermocline.testkit.scan;

import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.Expr.Literal;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates filters over {@link ConformanceSchema} of every predicate kind (=, <>, <, <=, >, >=,
 * BETWEEN, IN with and without NULL, IS [NOT] NULL, AND, OR, NOT), with literals that are values
 * present in the data, their neighbours, absent values, NULL and the boundaries of each type.
 * Literals are user values (BigDecimal, LocalDate, Boolean, ...), as the engine pushes them down,
 * so each tier's binding is exercised too. Single-threaded.
 */
public final class RandomPredicates {
  private static final CompareOp[] OPS = CompareOp.values();

  private final Random random;
  private final Schema schema = ConformanceSchema.schema();

  public RandomPredicates(Random random) {
    this.random = random;
  }

  /** A random predicate; literals are drawn from {@code sample} (storage rows, schema order). */
  public Expr next(List<Object[]> sample) {
    return expr(sample, 2);
  }

  private Expr expr(List<Object[]> sample, int depth) {
    int pick = depth == 0 ? 0 : random.nextInt(10);
    if (pick < 6) {
      return leaf(sample);
    }
    if (pick == 9) {
      return Expr.not(expr(sample, depth - 1));
    }
    List<Expr> terms = new ArrayList<>();
    int n = 2 + random.nextInt(2);
    for (int i = 0; i < n; i++) {
      terms.add(expr(sample, depth - 1));
    }
    return pick < 8 ? new Expr.And(terms) : new Expr.Or(terms);
  }

  /** A single comparison, BETWEEN, IN or IS [NOT] NULL on a random column. */
  public Expr leaf(List<Object[]> sample) {
    int c = random.nextInt(schema.size());
    String name = schema.column(c).name();
    int kind = random.nextInt(10);
    if (kind < 5) {
      CompareOp op = OPS[random.nextInt(OPS.length)];
      Literal lit = Expr.lit(literal(c, sample));
      return random.nextInt(6) == 0
          ? new Expr.Compare(op, lit, Expr.col(name))
          : new Expr.Compare(op, Expr.col(name), lit);
    }
    if (kind < 7) {
      return Expr.between(name, literal(c, sample), literal(c, sample));
    }
    if (kind < 9) {
      int n = 1 + random.nextInt(5);
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        values[i] = random.nextInt(8) == 0 ? null : literal(c, sample);
      }
      return Expr.in(name, values);
    }
    return random.nextBoolean() ? Expr.isNull(name) : Expr.isNotNull(name);
  }

  /** A literal (user value) for column {@code c}: present, neighbour, boundary or absent. */
  public Object literal(int c, List<Object[]> sample) {
    Column column = schema.column(c);
    int pick = random.nextInt(100);
    Object present = sample.isEmpty() ? null : sample.get(random.nextInt(sample.size()))[c];
    if (pick < 55 && (present != null || random.nextInt(4) == 0)) {
      return userValue(column.type(), present);
    }
    if (pick < 70 && present != null) {
      return neighbour(column.type(), present);
    }
    if (pick < 88) {
      List<Object> b = boundaries(column);
      return b.get(random.nextInt(b.size()));
    }
    return absent(column);
  }

  private Object userValue(DataType type, Object storage) {
    if (storage == null) {
      return null;
    }
    return switch (type.kind()) {
      // TIMESTAMP literals come both as micros and as LocalDateTime to exercise both bindings.
      case TIMESTAMP -> random.nextBoolean() ? storage : type.toJava(storage);
      // A DOUBLE literal against an integral column stays a double and compares numerically.
      case INTEGER, BIGINT ->
          random.nextInt(8) == 0 ? (Object) ((Long) storage + 0.5) : type.toJava(storage);
      default -> type.toJava(storage);
    };
  }

  private Object neighbour(DataType type, Object storage) {
    int step = random.nextBoolean() ? 1 : -1;
    return switch (type.kind()) {
      case BOOLEAN, VARCHAR ->
          storage instanceof String s ? s + (step > 0 ? "a" : "") : type.toJava(storage);
      case INTEGER ->
          (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (Long) storage + step));
      case BIGINT, TIMESTAMP -> (Long) storage + step;
      case DATE -> LocalDate.ofEpochDay((Long) storage + step);
      case DECIMAL ->
          BigDecimal.valueOf(
              Math.max(
                  -ConformanceSchema.AMOUNT_MAX_UNSCALED,
                  Math.min(ConformanceSchema.AMOUNT_MAX_UNSCALED, (Long) storage + step)),
              type.scale());
      case DOUBLE -> step > 0 ? Math.nextUp((Double) storage) : Math.nextDown((Double) storage);
    };
  }

  private static List<Object> boundaries(Column column) {
    return switch (column.type().kind()) {
      case BOOLEAN -> List.of(true, false);
      case INTEGER -> List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -50, 50, -51, 51);
      case BIGINT -> List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L, 999_999_999_999L);
      case DOUBLE ->
          List.of(
              Double.NaN,
              Double.POSITIVE_INFINITY,
              Double.NEGATIVE_INFINITY,
              -0.0,
              0.0,
              Double.MAX_VALUE,
              -Double.MAX_VALUE,
              Double.MIN_VALUE,
              250_000.0,
              -250_000.0);
      case DECIMAL ->
          List.of(
              new BigDecimal("9999999999.99"),
              new BigDecimal("-9999999999.99"),
              BigDecimal.ZERO,
              new BigDecimal("0.01"),
              new BigDecimal("-0.01"));
      case VARCHAR -> List.of("", "\uFFFF", "\uD83D\uDE00", "A", "z", "EMEA");
      case DATE ->
          List.of(
              LocalDate.ofEpochDay(RandomRows.DAY_BASE),
              LocalDate.ofEpochDay(RandomRows.DAY_BASE + 59),
              LocalDate.of(1970, 1, 1),
              LocalDate.of(1, 1, 1),
              LocalDate.of(9999, 12, 31));
      case TIMESTAMP -> List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, RandomRows.TS_BASE);
    };
  }

  private static Object absent(Column column) {
    return switch (column.type().kind()) {
      case BOOLEAN -> false;
      case INTEGER -> 1000;
      case BIGINT -> 1_000_000_000_001L;
      case DOUBLE -> 0.1;
      case DECIMAL -> new BigDecimal("123456789.01");
      // The second is longer than VARCHAR(16): it cannot match but is not an error.
      case VARCHAR ->
          column.name().length() % 2 == 0 ? "absent-value" : "absent-and-too-long-value";
      case DATE -> LocalDate.of(2000, 1, 1);
      case TIMESTAMP -> 1L;
    };
  }
}
