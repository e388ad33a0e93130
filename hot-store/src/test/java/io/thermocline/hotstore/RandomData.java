package io.thermocline.hotstore;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random rows, predicates and aggregate specs for the hot tier's own randomized tests, aimed at the
 * corners of its vectorized paths: NULLs everywhere, special doubles (NaN, -0.0, infinities), few
 * and many distinct values, column-versus-column comparisons, DOUBLE literals against LONG columns,
 * IN lists holding NULL, NOT over everything. Long sums stay far from overflow and finite doubles
 * are multiples of 1/4 below 2^21, so any summation order (parallel partials) gives the same
 * result. Single-threaded.
 */
final class RandomData {
  static final Schema SCHEMA =
      Schema.of(
          Column.notNull("id", DataType.BIGINT),
          Column.nullable("k", DataType.INTEGER),
          Column.nullable("g", DataType.varchar(8)),
          Column.nullable("d", DataType.DOUBLE),
          Column.nullable("ts", DataType.TIMESTAMP),
          Column.nullable("big", DataType.BIGINT),
          Column.nullable("flag", DataType.BOOLEAN));

  static final long HOUR = 3_600_000_000L;
  private static final long T0 = 1_700_000_000_000_000L;
  private static final String[] STRINGS = {"a", "b", "c", "dd", "", "\u00fc", "zz", "a\u0000"};
  private static final double[] DOUBLES = {
    Double.NaN,
    -0.0,
    0.0,
    1.5,
    -1.5,
    2.25,
    1048576.0,
    -1048576.0,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MIN_VALUE,
    7.0
  };

  private final Random random;
  private long nextId = 1;

  RandomData(Random random) {
    this.random = random;
  }

  List<Object[]> rows(int n) {
    List<Object[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(row());
    }
    return out;
  }

  private Object[] row() {
    return new Object[] {
      nextId++,
      nullOr(8, (long) (random.nextInt(11) - 5)),
      nullOr(7, STRINGS[random.nextInt(STRINGS.length)]),
      nullOr(9, doubleValue()),
      nullOr(10, T0 + random.nextInt(48) * HOUR / 2 + random.nextInt(1000)),
      nullOr(12, bigValue()),
      nullOr(5, (long) random.nextInt(2))
    };
  }

  private Object nullOr(int oneIn, Object v) {
    return random.nextInt(oneIn) == 0 ? null : v;
  }

  private double doubleValue() {
    return random.nextInt(4) == 0
        ? DOUBLES[random.nextInt(DOUBLES.length)]
        : (random.nextInt(400) - 200) / 4.0;
  }

  private long bigValue() {
    return random.nextInt(5) == 0
        ? (random.nextBoolean() ? 1L : -1L) * (1L << 40) + random.nextInt(3)
        : random.nextInt(2_000_001) - 1_000_000L;
  }

  /** The rows as a batch; strings plain or dictionary-encoded at random. */
  ColumnBatch batch(List<Object[]> rows) {
    int n = rows.size();
    ColumnVector[] vs = new ColumnVector[SCHEMA.size()];
    for (int c = 0; c < vs.length; c++) {
      DataType t = SCHEMA.column(c).type();
      long[] nulls = null;
      for (int r = 0; r < n; r++) {
        if (rows.get(r)[c] == null) {
          nulls = nulls == null ? NullBitmap.allocate(n) : nulls;
          NullBitmap.set(nulls, r);
        }
      }
      switch (t.storage()) {
        case LONG -> {
          long[] v = new long[n];
          for (int r = 0; r < n; r++) {
            Object o = rows.get(r)[c];
            v[r] = o == null ? random.nextLong() : (Long) o;
          }
          vs[c] = new LongVector(t, v, n, nulls);
        }
        case DOUBLE -> {
          double[] v = new double[n];
          for (int r = 0; r < n; r++) {
            Object o = rows.get(r)[c];
            v[r] = o == null ? random.nextDouble() : (Double) o;
          }
          vs[c] = new DoubleVector(t, v, n, nulls);
        }
        case STRING -> {
          if (random.nextBoolean()) {
            String[] v = new String[n];
            for (int r = 0; r < n; r++) {
              v[r] = (String) rows.get(r)[c];
            }
            vs[c] = StringVector.plain(t, v, n, nulls);
          } else {
            Map<String, Integer> dict = new LinkedHashMap<>();
            int[] ids = new int[n];
            for (int r = 0; r < n; r++) {
              String s = (String) rows.get(r)[c];
              ids[r] = s == null ? 0 : dict.computeIfAbsent(s, x -> dict.size());
            }
            String[] d = dict.keySet().toArray(new String[0]);
            if (d.length == 0) {
              d = new String[] {"x"};
            }
            vs[c] = StringVector.dictionary(t, ids, d, n, nulls);
          }
        }
      }
    }
    return new ColumnBatch(SCHEMA, n, vs);
  }

  /** A random predicate over the schema; {@code depth} bounds nesting. */
  Expr predicate(int depth) {
    int r = random.nextInt(12);
    if (depth > 0 && r < 2) {
      int n = 2 + random.nextInt(2);
      List<Expr> terms = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        terms.add(predicate(depth - 1));
      }
      return r == 0 ? new Expr.And(terms) : new Expr.Or(terms);
    }
    if (depth > 0 && r == 2) {
      return Expr.not(predicate(depth - 1));
    }
    return leaf();
  }

  private Expr leaf() {
    String col = SCHEMA.column(1 + random.nextInt(SCHEMA.size() - 1)).name();
    if (random.nextInt(8) == 0) {
      col = "id";
    }
    CompareOp op = CompareOp.values()[random.nextInt(CompareOp.values().length)];
    int kind = random.nextInt(10);
    if (kind == 0) {
      return random.nextBoolean() ? Expr.isNull(col) : Expr.isNotNull(col);
    }
    if (kind == 1) {
      return Expr.between(col, literal(col), literal(col));
    }
    if (kind == 2) {
      int n = 1 + random.nextInt(4);
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        values[i] = random.nextInt(6) == 0 ? null : literal(col);
      }
      return Expr.in(col, values);
    }
    if (kind == 3) {
      String other = comparable(col);
      return new Expr.Compare(op, Expr.col(col), Expr.col(other));
    }
    if (kind == 4) {
      return new Expr.Compare(op, Expr.lit(literal(col)), Expr.col(col));
    }
    return new Expr.Compare(op, Expr.col(col), Expr.lit(literal(col)));
  }

  private String comparable(String col) {
    return switch (col) {
      case "g" -> "g";
      case "d" -> random.nextBoolean() ? "k" : "d";
      case "ts" -> random.nextBoolean() ? "ts" : "big";
      default -> new String[] {"k", "big", "id", "d", "flag"}[random.nextInt(5)];
    };
  }

  /** A literal of the column's domain (sometimes NULL, sometimes absent from the data). */
  Object literal(String col) {
    if (random.nextInt(15) == 0) {
      return null;
    }
    return switch (col) {
      case "id" -> (long) random.nextInt((int) Math.max(2, nextId + 10));
      case "k" ->
          random.nextInt(4) == 0
              ? (Object) ((random.nextInt(14) - 7) + 0.5)
              : (Object) (long) (random.nextInt(14) - 7);
      case "flag" ->
          random.nextInt(4) == 0
              ? (Object) (random.nextInt(3) - 0.5)
              : (Object) (long) random.nextInt(2);
      case "g" -> random.nextInt(5) == 0 ? "b\uffff" : STRINGS[random.nextInt(STRINGS.length)];
      case "d" ->
          random.nextInt(5) == 0 ? (Object) (long) (random.nextInt(9) - 4) : (Object) doubleValue();
      case "ts" -> T0 + random.nextInt(50) * HOUR / 2 + (random.nextBoolean() ? 0 : 500);
      case "big" ->
          random.nextInt(4) == 0
              ? (Object) ((1L << 40) + random.nextInt(3) - 0.5)
              : (Object) bigValue();
      default -> throw new IllegalArgumentException(col);
    };
  }

  /** A random aggregate spec: 0-2 keys (maybe a time bucket), 1-4 calls. */
  AggregateSpec aggregate() {
    List<GroupKey> keys = new ArrayList<>();
    int nk = random.nextInt(3);
    String[] keyCols = {"k", "g", "d", "flag", "big"};
    for (int i = 0; i < nk; i++) {
      if (random.nextInt(4) == 0) {
        keys.add(GroupKey.timeBucket("ts", HOUR * (1 + random.nextInt(3))));
      } else {
        keys.add(GroupKey.column(keyCols[random.nextInt(keyCols.length)]));
      }
    }
    List<AggregateCall> calls = new ArrayList<>();
    int nc = 1 + random.nextInt(4);
    String[] numeric = {"k", "d", "big", "id", "flag"};
    String[] any = {"k", "g", "d", "ts", "big", "id", "flag"};
    for (int i = 0; i < nc; i++) {
      switch (random.nextInt(6)) {
        case 0 -> calls.add(AggregateCall.countStar());
        case 1 -> calls.add(AggregateCall.count(any[random.nextInt(any.length)]));
        case 2 -> calls.add(AggregateCall.sum(numeric[random.nextInt(numeric.length)]));
        case 3 -> calls.add(AggregateCall.avg(numeric[random.nextInt(numeric.length)]));
        case 4 -> calls.add(AggregateCall.min(any[random.nextInt(any.length)]));
        default -> calls.add(AggregateCall.max(any[random.nextInt(any.length)]));
      }
    }
    return new AggregateSpec(keys, calls);
  }
}
