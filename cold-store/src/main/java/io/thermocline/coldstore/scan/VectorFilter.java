package io.thermocline.coldstore.scan;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.batch.StringVector;
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
import io.thermocline.common.expr.ExprEvaluator;
import java.util.Arrays;
import java.util.List;

/**
 * Vectorized evaluation of a bound {@link Expr} over a {@link ColumnBatch} with SQL three-valued
 * logic, agreeing with {@link ExprEvaluator} row for row. Each node yields two bitmaps, rows where
 * it is TRUE and rows where it is FALSE (neither = unknown); AND, OR and NOT combine them word by
 * word. Comparisons of a column with a literal run over the primitive arrays (dictionary strings
 * are compared once per dictionary entry); any other shape falls back to the row-wise reference
 * evaluator. Stateless.
 */
public final class VectorFilter {
  private VectorFilter() {}

  /** Rows (bits) where {@code filter} is TRUE; every row when {@code filter} is null. */
  public static long[] select(Expr filter, ColumnBatch batch) {
    int n = batch.rowCount();
    if (filter == null) {
      return all(n);
    }
    return eval(filter, batch).t;
  }

  /** A bitmap with the first {@code n} bits set. */
  public static long[] all(int n) {
    long[] bits = NullBitmap.allocate(n);
    Arrays.fill(bits, -1L);
    trim(bits, n);
    return bits;
  }

  private static void trim(long[] bits, int n) {
    if ((n & 63) != 0 && bits.length > 0) {
      bits[bits.length - 1] &= (1L << n) - 1;
    }
  }

  private record Tri(long[] t, long[] f) {}

  private static Tri eval(Expr e, ColumnBatch b) {
    int n = b.rowCount();
    if (e instanceof Compare c) {
      if (c.left() instanceof ColumnRef col && c.right() instanceof Literal lit) {
        Tri r = compare(c.op(), b.column(col.index()), lit.value(), n);
        if (r != null) {
          return r;
        }
      } else if (c.right() instanceof ColumnRef col && c.left() instanceof Literal lit) {
        Tri r = compare(c.op().flip(), b.column(col.index()), lit.value(), n);
        if (r != null) {
          return r;
        }
      }
      return rowWise(e, b);
    }
    if (e instanceof Between bt) {
      return eval(
          new And(
              List.of(
                  new Compare(CompareOp.GE, bt.value(), bt.low()),
                  new Compare(CompareOp.LE, bt.value(), bt.high()))),
          b);
    }
    if (e instanceof In in) {
      Tri acc = new Tri(new long[NullBitmap.words(n)], all(n));
      for (Literal l : in.list()) {
        acc = or(acc, eval(new Compare(CompareOp.EQ, in.value(), l), b));
      }
      return acc;
    }
    if (e instanceof IsNull isNull && isNull.value() instanceof ColumnRef col) {
      ColumnVector v = b.column(col.index());
      long[] nulls = v.hasNulls() ? v.nulls().clone() : new long[NullBitmap.words(n)];
      trim(nulls, n);
      long[] notNulls = complement(nulls, n);
      return isNull.negated() ? new Tri(notNulls, nulls) : new Tri(nulls, notNulls);
    }
    if (e instanceof And a) {
      Tri acc = new Tri(all(n), new long[NullBitmap.words(n)]);
      for (Expr t : a.terms()) {
        Tri x = eval(t, b);
        for (int w = 0; w < acc.t.length; w++) {
          acc.t[w] &= x.t[w];
          acc.f[w] |= x.f[w];
        }
      }
      return acc;
    }
    if (e instanceof Or o) {
      Tri acc = new Tri(new long[NullBitmap.words(n)], all(n));
      for (Expr t : o.terms()) {
        acc = or(acc, eval(t, b));
      }
      return acc;
    }
    if (e instanceof Not not) {
      Tri x = eval(not.term(), b);
      return new Tri(x.f, x.t);
    }
    if (e instanceof ColumnRef col && b.column(col.index()) instanceof LongVector lv) {
      return compare(CompareOp.NE, lv, 0L, n);
    }
    return rowWise(e, b);
  }

  private static Tri or(Tri acc, Tri x) {
    for (int w = 0; w < acc.t.length; w++) {
      acc.t[w] |= x.t[w];
      acc.f[w] &= x.f[w];
    }
    return acc;
  }

  private static long[] complement(long[] bits, int n) {
    long[] c = new long[bits.length];
    for (int w = 0; w < c.length; w++) {
      c[w] = ~bits[w];
    }
    trim(c, n);
    return c;
  }

  /** Column vs literal over primitives; null when the value classes need the reference path. */
  private static Tri compare(CompareOp op, ColumnVector v, Object lit, int n) {
    long[] t = new long[NullBitmap.words(n)];
    long[] f = new long[NullBitmap.words(n)];
    if (lit == null) {
      return new Tri(t, f);
    }
    long[] nulls = v.nulls();
    if (v instanceof LongVector lv && lit instanceof Long x) {
      long[] a = lv.values();
      long k = x;
      for (int i = 0; i < n; i++) {
        if (nulls == null || (nulls[i >>> 6] & (1L << i)) == 0) {
          set(op.test(Long.compare(a[i], k)) ? t : f, i);
        }
      }
      return new Tri(t, f);
    }
    if (v instanceof LongVector lv && lit instanceof Double x) {
      long[] a = lv.values();
      double k = x;
      for (int i = 0; i < n; i++) {
        if (nulls == null || (nulls[i >>> 6] & (1L << i)) == 0) {
          set(op.test(Double.compare((double) a[i], k)) ? t : f, i);
        }
      }
      return new Tri(t, f);
    }
    if (v instanceof DoubleVector dv && lit instanceof Number x) {
      double[] a = dv.values();
      double k = x.doubleValue();
      for (int i = 0; i < n; i++) {
        if (nulls == null || (nulls[i >>> 6] & (1L << i)) == 0) {
          set(op.test(Double.compare(a[i], k)) ? t : f, i);
        }
      }
      return new Tri(t, f);
    }
    if (v instanceof StringVector sv && lit instanceof String x) {
      if (sv.isDictionaryEncoded()) {
        String[] dict = sv.dictionary();
        boolean[] pass = new boolean[dict.length];
        for (int d = 0; d < dict.length; d++) {
          pass[d] = dict[d] != null && op.test(dict[d].compareTo(x));
        }
        int[] ids = sv.ids();
        for (int i = 0; i < n; i++) {
          if (nulls == null || (nulls[i >>> 6] & (1L << i)) == 0) {
            set(pass[ids[i]] ? t : f, i);
          }
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (nulls == null || (nulls[i >>> 6] & (1L << i)) == 0) {
            set(op.test(sv.get(i).compareTo(x)) ? t : f, i);
          }
        }
      }
      return new Tri(t, f);
    }
    return null;
  }

  private static void set(long[] bits, int i) {
    bits[i >>> 6] |= 1L << i;
  }

  private static Tri rowWise(Expr e, ColumnBatch b) {
    int n = b.rowCount();
    long[] t = new long[NullBitmap.words(n)];
    long[] f = new long[NullBitmap.words(n)];
    for (int i = 0; i < n; i++) {
      Boolean r = ExprEvaluator.evaluate(e, b.row(i));
      if (Boolean.TRUE.equals(r)) {
        set(t, i);
      } else if (Boolean.FALSE.equals(r)) {
        set(f, i);
      }
    }
    return new Tri(t, f);
  }
}
