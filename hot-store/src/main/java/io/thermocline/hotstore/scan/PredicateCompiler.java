package io.thermocline.hotstore.scan;

import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.ExprEvaluator;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import io.thermocline.hotstore.bits.DoubleKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * Turns a bound {@link Expr} into a {@link Pred}: the set of rows where the predicate is TRUE. NOT
 * is pushed down by compiling a term's FALSE set (NOT x is TRUE exactly where x is FALSE), which
 * keeps SQL's three-valued logic exact: a comparison with NULL is in neither set. Comparisons with
 * a literal become key ranges or string bounds; anything else falls back to the row-at-a-time
 * reference evaluator. Stateless.
 */
public final class PredicateCompiler {
  private final Schema schema;

  private PredicateCompiler(Schema schema) {
    this.schema = schema;
  }

  /** Compiles a filter bound to {@code schema}; {@code null} selects every row. */
  public static Pred compile(Expr bound, Schema schema) {
    if (bound == null) {
      return new Pred.Const(true);
    }
    return new PredicateCompiler(schema).compile(bound, false);
  }

  private Pred compile(Expr e, boolean negated) {
    if (e.columns().isEmpty()) {
      Boolean v = ExprEvaluator.evaluate(e, new Object[0]);
      return new Pred.Const(v != null && v == !negated);
    }
    if (e instanceof Expr.Not n) {
      return compile(n.term(), !negated);
    }
    if (e instanceof Expr.And a) {
      List<Pred> terms = new ArrayList<>();
      for (Expr t : a.terms()) {
        terms.add(compile(t, negated));
      }
      return negated ? any(terms) : all(terms);
    }
    if (e instanceof Expr.Or o) {
      List<Pred> terms = new ArrayList<>();
      for (Expr t : o.terms()) {
        terms.add(compile(t, negated));
      }
      return negated ? all(terms) : any(terms);
    }
    if (e instanceof Expr.IsNull n && n.value() instanceof Expr.ColumnRef c) {
      return new Pred.NullTest(c.index(), !n.negated() != negated);
    }
    if (e instanceof Expr.Between b) {
      return compile(
          new Expr.And(
              List.of(
                  new Expr.Compare(CompareOp.GE, b.value(), b.low()),
                  new Expr.Compare(CompareOp.LE, b.value(), b.high()))),
          negated);
    }
    if (e instanceof Expr.Compare c) {
      if (c.left() instanceof Expr.Literal l && c.right() instanceof Expr.ColumnRef r) {
        return compare(r, c.op().flip(), l.value(), negated, e);
      }
      if (c.left() instanceof Expr.ColumnRef l && c.right() instanceof Expr.Literal r) {
        return compare(l, c.op(), r.value(), negated, e);
      }
    }
    if (e instanceof Expr.In in && in.value() instanceof Expr.ColumnRef c) {
      return in(c, in.list(), negated, e);
    }
    if (e instanceof Expr.ColumnRef c && storage(c) == StorageClass.LONG) {
      // A LONG column used as a boolean: TRUE is non-zero, FALSE is zero.
      return negated
          ? ranges(c.index(), new long[] {0}, new long[] {0})
          : ranges(c.index(), new long[] {Long.MIN_VALUE, 1}, new long[] {-1, Long.MAX_VALUE});
    }
    return rowTest(e, negated);
  }

  private StorageClass storage(Expr.ColumnRef c) {
    return schema.column(c.index()).type().storage();
  }

  private Pred rowTest(Expr e, boolean negated) {
    int[] cols = e.columns().stream().mapToInt(schema::indexOf).toArray();
    return new Pred.RowTest(e, cols, negated);
  }

  private Pred compare(Expr.ColumnRef col, CompareOp op, Object lit, boolean negated, Expr orig) {
    if (lit == null) {
      return new Pred.Const(false);
    }
    CompareOp eff = negated ? op.negate() : op;
    StorageClass st = storage(col);
    int c = col.index();
    if (st == StorageClass.STRING && lit instanceof String s) {
      return switch (eff) {
        case EQ -> new Pred.StringSet(c, new String[] {s}, false);
        case NE -> new Pred.StringSet(c, new String[] {s}, true);
        case LT -> new Pred.StringRange(c, null, false, s, false);
        case LE -> new Pred.StringRange(c, null, false, s, true);
        case GT -> new Pred.StringRange(c, s, false, null, false);
        case GE -> new Pred.StringRange(c, s, true, null, false);
      };
    }
    if (st == StorageClass.LONG && lit instanceof Long l) {
      return keyOp(c, eff, l);
    }
    if (st == StorageClass.DOUBLE && lit instanceof Number num) {
      return keyOp(c, eff, DoubleKeys.key(num.doubleValue()));
    }
    if (st == StorageClass.LONG && lit instanceof Double d) {
      // (double) v is monotone in v, so each comparison selects a range of longs; find its
      // bounds exactly by binary search rather than by reasoning about rounding.
      double x = d;
      long ge = firstWhere(v -> Double.compare((double) v, x) >= 0);
      long gt = firstWhere(v -> Double.compare((double) v, x) > 0);
      boolean geNone = Double.compare((double) Long.MAX_VALUE, x) < 0;
      boolean gtNone = Double.compare((double) Long.MAX_VALUE, x) <= 0;
      return longRangeOp(c, eff, ge, geNone, gt, gtNone);
    }
    return rowTest(orig, negated);
  }

  /** Ranges for {@code v op k} in key space. */
  private static Pred keyOp(int c, CompareOp op, long k) {
    long below = k == Long.MIN_VALUE ? 0 : k - 1;
    long above = k == Long.MAX_VALUE ? 0 : k + 1;
    boolean hasBelow = k != Long.MIN_VALUE;
    boolean hasAbove = k != Long.MAX_VALUE;
    return switch (op) {
      case EQ -> ranges(c, new long[] {k}, new long[] {k});
      case NE -> {
        List<long[]> r = new ArrayList<>();
        if (hasBelow) {
          r.add(new long[] {Long.MIN_VALUE, below});
        }
        if (hasAbove) {
          r.add(new long[] {above, Long.MAX_VALUE});
        }
        yield ranges(c, r);
      }
      case LT ->
          hasBelow
              ? ranges(c, new long[] {Long.MIN_VALUE}, new long[] {below})
              : new Pred.Const(false);
      case LE -> ranges(c, new long[] {Long.MIN_VALUE}, new long[] {k});
      case GT ->
          hasAbove
              ? ranges(c, new long[] {above}, new long[] {Long.MAX_VALUE})
              : new Pred.Const(false);
      case GE -> ranges(c, new long[] {k}, new long[] {Long.MAX_VALUE});
    };
  }

  /**
   * Ranges over longs given the first value comparing {@code >=} and {@code >} to the literal
   * ({@code none}: no long does).
   */
  private static Pred longRangeOp(
      int c, CompareOp op, long ge, boolean geNone, long gt, boolean gtNone) {
    List<long[]> r = new ArrayList<>();
    switch (op) {
      case EQ -> {
        if (!geNone) {
          long hi = gtNone ? Long.MAX_VALUE : gt - 1;
          if (ge <= hi && (gtNone || gt != ge)) {
            r.add(new long[] {ge, hi});
          }
        }
      }
      case NE -> {
        if (geNone) {
          r.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
        } else {
          if (ge != Long.MIN_VALUE) {
            r.add(new long[] {Long.MIN_VALUE, ge - 1});
          }
          if (!gtNone) {
            r.add(new long[] {gt, Long.MAX_VALUE});
          }
        }
      }
      case LT -> {
        if (geNone) {
          r.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
        } else if (ge != Long.MIN_VALUE) {
          r.add(new long[] {Long.MIN_VALUE, ge - 1});
        }
      }
      case LE -> {
        if (gtNone) {
          r.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
        } else if (gt != Long.MIN_VALUE) {
          r.add(new long[] {Long.MIN_VALUE, gt - 1});
        }
      }
      case GT -> {
        if (!gtNone) {
          r.add(new long[] {gt, Long.MAX_VALUE});
        }
      }
      case GE -> {
        if (!geNone) {
          r.add(new long[] {ge, Long.MAX_VALUE});
        }
      }
    }
    return ranges(c, r);
  }

  /** The smallest long where a monotone (false..true) predicate holds; MAX if only there/none. */
  private static long firstWhere(LongPredicate p) {
    long lo = Long.MIN_VALUE;
    long hi = Long.MAX_VALUE;
    while (lo < hi) {
      long mid = (lo & hi) + ((lo ^ hi) >> 1);
      if (p.test(mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static Pred ranges(int c, long[] lo, long[] hi) {
    return new Pred.KeyRanges(c, lo, hi);
  }

  private static Pred ranges(int c, List<long[]> r) {
    if (r.isEmpty()) {
      return new Pred.Const(false);
    }
    long[] lo = new long[r.size()];
    long[] hi = new long[r.size()];
    for (int i = 0; i < lo.length; i++) {
      lo[i] = r.get(i)[0];
      hi[i] = r.get(i)[1];
    }
    return new Pred.KeyRanges(c, lo, hi);
  }

  private Pred in(Expr.ColumnRef col, List<Expr.Literal> list, boolean negated, Expr orig) {
    StorageClass st = storage(col);
    boolean sawNull = false;
    TreeSet<Long> keys = new TreeSet<>();
    TreeSet<String> strings = new TreeSet<>();
    boolean exact = true;
    for (Expr.Literal l : list) {
      Object v = l.value();
      if (v == null) {
        sawNull = true;
      } else if (st == StorageClass.LONG && v instanceof Long x) {
        keys.add(x);
      } else if (st == StorageClass.DOUBLE && v instanceof Number x) {
        keys.add(DoubleKeys.key(x.doubleValue()));
      } else if (st == StorageClass.STRING && v instanceof String s) {
        strings.add(s);
      } else {
        exact = false;
      }
    }
    if (negated && sawNull) {
      // NOT IN over a list holding NULL is never TRUE.
      return new Pred.Const(false);
    }
    if (!exact) {
      List<Pred> terms = new ArrayList<>();
      for (Expr.Literal l : list) {
        if (l.value() != null) {
          terms.add(compare(col, CompareOp.EQ, l.value(), negated, orig));
        }
      }
      return negated ? all(terms) : any(terms);
    }
    if (st == StorageClass.STRING) {
      if (strings.isEmpty()) {
        return negated ? new Pred.NullTest(col.index(), false) : new Pred.Const(false);
      }
      return new Pred.StringSet(col.index(), strings.toArray(new String[0]), negated);
    }
    if (keys.isEmpty()) {
      return negated ? new Pred.NullTest(col.index(), false) : new Pred.Const(false);
    }
    long[] k = keys.stream().mapToLong(Long::longValue).toArray();
    return new Pred.KeySet(col.index(), k, negated);
  }

  private static Pred all(List<Pred> terms) {
    List<Pred> out = new ArrayList<>();
    for (Pred p : terms) {
      if (p instanceof Pred.Const k) {
        if (!k.all()) {
          return k;
        }
      } else if (p instanceof Pred.All a) {
        out.addAll(a.terms());
      } else {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      return new Pred.Const(true);
    }
    return out.size() == 1 ? out.get(0) : new Pred.All(out);
  }

  private static Pred any(List<Pred> terms) {
    List<Pred> out = new ArrayList<>();
    for (Pred p : terms) {
      if (p instanceof Pred.Const k) {
        if (k.all()) {
          return k;
        }
      } else if (p instanceof Pred.Any a) {
        out.addAll(a.terms());
      } else {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      return new Pred.Const(false);
    }
    return out.size() == 1 ? out.get(0) : new Pred.Any(out);
  }
}
