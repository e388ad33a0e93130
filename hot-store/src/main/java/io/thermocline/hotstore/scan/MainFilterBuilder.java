package io.thermocline.hotstore.scan;

import io.thermocline.hotstore.bits.Masks;
import io.thermocline.hotstore.main.MainColumn;
import io.thermocline.hotstore.main.MainStore;
import io.thermocline.hotstore.main.NumericDictionary;
import io.thermocline.hotstore.main.StringDictionary;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link Pred} for one main into value-id space, once per query: key ranges and string
 * bounds become id ranges by binary search in the sorted dictionary, IN lists become id bitmaps, IS
 * NULL reads the null bitmap. Evaluation then tests bit-packed ids without touching the dictionary,
 * and consults the zone map first to skip or accept whole blocks.
 */
public final class MainFilterBuilder extends FilterBuilder {
  private final MainStore main;
  private final MainBlockIds ids;

  public MainFilterBuilder(MainBlockIds ids, int blockSize) {
    super(blockSize);
    this.main = ids.main();
    this.ids = ids;
  }

  @Override
  int columnCount() {
    return main.columnCount();
  }

  @Override
  Object value(int column, int row) {
    return main.column(column).value(row);
  }

  @Override
  BlockFilter leaf(Pred p) {
    if (p instanceof Pred.NullTest t) {
      MainColumn col = main.column(t.column());
      if (!col.hasNulls()) {
        return BlockFilter.constant(!t.wantNull());
      }
      return new NullLeaf(col, t.wantNull());
    }
    if (p instanceof Pred.KeyRanges r) {
      NumericDictionary dict = (NumericDictionary) main.column(r.column()).dictionary();
      int[] a = new int[r.lo().length];
      int[] b = new int[r.lo().length];
      for (int i = 0; i < a.length; i++) {
        a[i] = dict.lowerBound(r.lo()[i]);
        b[i] = dict.upperBound(r.hi()[i]);
      }
      return idRanges(r.column(), a, b);
    }
    if (p instanceof Pred.StringRange r) {
      StringDictionary dict = (StringDictionary) main.column(r.column()).dictionary();
      int a =
          r.lo() == null ? 0 : r.loInclusive() ? dict.lowerBound(r.lo()) : dict.upperBound(r.lo());
      int b =
          r.hi() == null
              ? dict.size()
              : r.hiInclusive() ? dict.upperBound(r.hi()) : dict.lowerBound(r.hi());
      return idRanges(r.column(), new int[] {a}, new int[] {b});
    }
    if (p instanceof Pred.KeySet s) {
      NumericDictionary dict = (NumericDictionary) main.column(s.column()).dictionary();
      long[] set = new long[Masks.words(dict.size() + 1)];
      for (long k : s.sortedKeys()) {
        int id = dict.lowerBound(k);
        if (id < dict.size() && dict.key(id) == k) {
          set[id >>> 6] |= 1L << id;
        }
      }
      return idSet(s.column(), set, s.negated());
    }
    if (p instanceof Pred.StringSet s) {
      StringDictionary dict = (StringDictionary) main.column(s.column()).dictionary();
      long[] set = new long[Masks.words(dict.size() + 1)];
      for (String v : s.sortedValues()) {
        int id = dict.lowerBound(v);
        if (id < dict.size() && dict.get(id).equals(v)) {
          set[id >>> 6] |= 1L << id;
        }
      }
      return idSet(s.column(), set, s.negated());
    }
    throw new IllegalStateException("unknown predicate " + p);
  }

  private BlockFilter idRanges(int column, int[] a, int[] b) {
    MainColumn col = main.column(column);
    int size = col.dictionary().size();
    List<int[]> kept = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      if (a[i] < b[i]) {
        if (!kept.isEmpty() && kept.get(kept.size() - 1)[1] >= a[i]) {
          kept.get(kept.size() - 1)[1] = Math.max(kept.get(kept.size() - 1)[1], b[i]);
        } else {
          kept.add(new int[] {a[i], b[i]});
        }
      }
    }
    if (kept.isEmpty()) {
      return BlockFilter.constant(false);
    }
    if (kept.size() == 1 && kept.get(0)[0] == 0 && kept.get(0)[1] >= size) {
      return col.hasNulls() ? new NullLeaf(col, false) : BlockFilter.constant(true);
    }
    int[] lo = new int[kept.size()];
    int[] hi = new int[kept.size()];
    for (int i = 0; i < lo.length; i++) {
      lo[i] = kept.get(i)[0];
      hi[i] = kept.get(i)[1];
    }
    return new IdRangeLeaf(column, col, lo, hi);
  }

  private BlockFilter idSet(int column, long[] set, boolean negated) {
    MainColumn col = main.column(column);
    int size = col.dictionary().size();
    if (negated) {
      for (int w = 0; w < set.length; w++) {
        set[w] = ~set[w];
      }
      Masks.clearRange(set, size, set.length * 64 - size);
    }
    int min = Integer.MAX_VALUE;
    int max = -1;
    for (int w = 0; w < set.length; w++) {
      if (set[w] != 0) {
        min = Math.min(min, (w << 6) + Long.numberOfTrailingZeros(set[w]));
        max = (w << 6) + 63 - Long.numberOfLeadingZeros(set[w]);
      }
    }
    if (max < 0) {
      return BlockFilter.constant(false);
    }
    return new IdSetLeaf(column, col, set, min, max);
  }

  /** Writes the not-NULL (or NULL) mask of a block. */
  static boolean nullMask(MainColumn col, int start, int n, long[] out, boolean wantNull) {
    Masks.copyOut(col.nulls(), start, out, n);
    if (!wantNull) {
      int words = Masks.words(n);
      for (int w = 0; w < words; w++) {
        out[w] = ~out[w];
      }
      if ((n & 63) != 0) {
        out[words - 1] &= (1L << n) - 1;
      }
    }
    return !Masks.isEmpty(out, n);
  }

  private static final class NullLeaf extends BlockFilter {
    private final MainColumn col;
    private final boolean wantNull;

    NullLeaf(MainColumn col, boolean wantNull) {
      this.col = col;
      this.wantNull = wantNull;
    }

    @Override
    public boolean eval(int start, int n, long[] out) {
      return nullMask(col, start, n, out, wantNull);
    }
  }

  private final class IdRangeLeaf extends BlockFilter {
    private final int column;
    private final MainColumn col;
    private final int[] lo;
    private final int[] hi;

    IdRangeLeaf(int column, MainColumn col, int[] lo, int[] hi) {
      this.column = column;
      this.col = col;
      this.lo = lo;
      this.hi = hi;
    }

    @Override
    public boolean eval(int start, int n, long[] out) {
      int zmin = col.zoneMin(start);
      int zmax = col.zoneMax(start);
      boolean touches = false;
      for (int i = 0; i < lo.length; i++) {
        if (lo[i] <= zmin && zmax < hi[i]) {
          return col.hasNulls() ? nullMask(col, start, n, out, false) : fill(out, n);
        }
        touches |= lo[i] <= zmax && hi[i] > zmin;
      }
      if (!touches) {
        Masks.clear(out, n);
        return false;
      }
      if (lo.length == 1) {
        return col.ids().rangeMask(start, n, lo[0], hi[0], out);
      }
      int[] v = ids.ids(column, start, n);
      long any = 0;
      for (int w = 0, words = Masks.words(n); w < words; w++) {
        int lim = Math.min(64, n - (w << 6));
        int o = w << 6;
        long bits = 0;
        for (int r = 0; r < lo.length; r++) {
          int a = lo[r];
          int span = (hi[r] - a) + Integer.MIN_VALUE;
          for (int b = 0; b < lim; b++) {
            bits |= ((v[o + b] - a + Integer.MIN_VALUE) < span ? 1L : 0L) << b;
          }
        }
        out[w] = bits;
        any |= bits;
      }
      return any != 0;
    }
  }

  private static boolean fill(long[] out, int n) {
    Masks.fillOnes(out, n);
    return n > 0;
  }

  private final class IdSetLeaf extends BlockFilter {
    private final int column;
    private final MainColumn col;
    private final long[] set;
    private final int min;
    private final int max;

    IdSetLeaf(int column, MainColumn col, long[] set, int min, int max) {
      this.column = column;
      this.col = col;
      this.set = set;
      this.min = min;
      this.max = max;
    }

    @Override
    public boolean eval(int start, int n, long[] out) {
      if (max < col.zoneMin(start) || min > col.zoneMax(start)) {
        Masks.clear(out, n);
        return false;
      }
      int[] v = ids.ids(column, start, n);
      long any = 0;
      for (int w = 0, words = Masks.words(n); w < words; w++) {
        int lim = Math.min(64, n - (w << 6));
        int o = w << 6;
        long bits = 0;
        for (int b = 0; b < lim; b++) {
          int id = v[o + b];
          bits |= ((set[id >>> 6] >>> id) & 1L) << b;
        }
        out[w] = bits;
        any |= bits;
      }
      return any != 0;
    }
  }
}
