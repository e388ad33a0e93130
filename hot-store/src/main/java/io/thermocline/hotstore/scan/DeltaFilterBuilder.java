package io.thermocline.hotstore.scan;

import io.thermocline.common.type.StorageClass;
import io.thermocline.hotstore.bits.DoubleKeys;
import io.thermocline.hotstore.bits.Masks;
import io.thermocline.hotstore.delta.ChunkedRows;
import io.thermocline.hotstore.delta.DeltaChunk;
import io.thermocline.hotstore.delta.DeltaDictionary;
import java.util.Arrays;

/**
 * Compiles a {@link Pred} for one delta: numeric leaves test raw values (doubles through their
 * order keys), string leaves are evaluated once per delta-dictionary entry into an id bitmap that
 * rows then look up. Build it after reading the delta's row count, so the dictionary snapshot
 * covers every row the scan reads.
 */
public final class DeltaFilterBuilder extends FilterBuilder {
  private final ChunkedRows delta;

  public DeltaFilterBuilder(ChunkedRows delta, int blockSize) {
    super(blockSize);
    this.delta = delta;
  }

  @Override
  BlockFilter leaf(Pred p) {
    if (p instanceof Pred.NullTest t) {
      return new NullLeaf(t.column(), t.wantNull());
    }
    if (p instanceof Pred.KeyRanges r) {
      return new KeyLeaf(r.column(), r.lo(), r.hi(), null, false);
    }
    if (p instanceof Pred.KeySet s) {
      return new KeyLeaf(s.column(), null, null, s.sortedKeys(), s.negated());
    }
    if (p instanceof Pred.StringRange r) {
      return stringLeaf(r.column(), s -> inRange(s, r));
    }
    if (p instanceof Pred.StringSet s) {
      return stringLeaf(
          s.column(), v -> (Arrays.binarySearch(s.sortedValues(), v) >= 0) != s.negated());
    }
    throw new IllegalStateException("unknown predicate " + p);
  }

  @Override
  int columnCount() {
    return delta.schema().size();
  }

  @Override
  Object value(int column, int row) {
    return delta.value(column, row);
  }

  private static boolean inRange(String s, Pred.StringRange r) {
    if (r.lo() != null) {
      int c = s.compareTo(r.lo());
      if (c < 0 || (c == 0 && !r.loInclusive())) {
        return false;
      }
    }
    if (r.hi() != null) {
      int c = s.compareTo(r.hi());
      return c < 0 || (c == 0 && r.hiInclusive());
    }
    return true;
  }

  private BlockFilter stringLeaf(int column, java.util.function.Predicate<String> test) {
    DeltaDictionary dict = delta.dictionary(column);
    int size = dict.size();
    long[] match = new long[Masks.words(size + 1)];
    for (int id = 0; id < size; id++) {
      if (test.test(dict.get(id))) {
        match[id >>> 6] |= 1L << id;
      }
    }
    return new BlockFilter() {
      @Override
      public boolean eval(int start, int n, long[] out) {
        DeltaChunk chunk = delta.chunk(start / DeltaChunk.ROWS, column);
        int[] ids = chunk.ids(column);
        int off = start % DeltaChunk.ROWS;
        for (int w = 0, words = Masks.words(n); w < words; w++) {
          int lim = Math.min(64, n - (w << 6));
          int o = off + (w << 6);
          long bits = 0;
          for (int b = 0; b < lim; b++) {
            int id = ids[o + b];
            bits |= ((match[id >>> 6] >>> id) & 1L) << b;
          }
          out[w] = bits;
        }
        return andNotNull(chunk.nulls(column), off, n, out);
      }
    };
  }

  /** {@code out &= ~nulls} for the block at {@code off} of its chunk. */
  static boolean andNotNull(long[] nulls, int off, int n, long[] out) {
    int words = Masks.words(n);
    long any = 0;
    int base = off >>> 6;
    for (int w = 0; w < words; w++) {
      long bits = out[w];
      if (nulls != null) {
        bits &= ~nulls[base + w];
      }
      if (w == words - 1 && (n & 63) != 0) {
        bits &= (1L << n) - 1;
      }
      out[w] = bits;
      any |= bits;
    }
    return any != 0;
  }

  private final class NullLeaf extends BlockFilter {
    private final int column;
    private final boolean wantNull;

    NullLeaf(int column, boolean wantNull) {
      this.column = column;
      this.wantNull = wantNull;
    }

    @Override
    public boolean eval(int start, int n, long[] out) {
      DeltaChunk chunk = delta.chunk(start / DeltaChunk.ROWS, column);
      long[] nulls = chunk.nulls(column);
      int off = start % DeltaChunk.ROWS;
      if (wantNull) {
        Masks.copyOut(nulls, off, out, n);
        return !Masks.isEmpty(out, n);
      }
      Masks.fillOnes(out, n);
      return andNotNull(nulls, off, n, out);
    }
  }

  private final class KeyLeaf extends BlockFilter {
    private final int column;
    private final long[] lo;
    private final long[] hi;
    private final long[] set;
    private final boolean negated;
    private final boolean isDouble;
    private final long[] keys;

    KeyLeaf(int column, long[] lo, long[] hi, long[] set, boolean negated) {
      this.column = column;
      this.lo = lo;
      this.hi = hi;
      this.set = set;
      this.negated = negated;
      this.isDouble = delta.schema().column(column).type().storage() == StorageClass.DOUBLE;
      this.keys = isDouble ? new long[blockSize] : null;
    }

    private boolean mayHold(int chunk) {
      for (int r = 0; r < lo.length; r++) {
        if (delta.mayHold(chunk, column, lo[r], hi[r])) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean eval(int start, int n, long[] out) {
      if (lo != null && !isDouble && !mayHold(start / DeltaChunk.ROWS)) {
        Masks.clear(out, n);
        return false;
      }
      DeltaChunk chunk = delta.chunk(start / DeltaChunk.ROWS, column);
      int off = start % DeltaChunk.ROWS;
      long[] k;
      int koff;
      if (isDouble) {
        double[] d = chunk.doubles(column);
        for (int i = 0; i < n; i++) {
          keys[i] = DoubleKeys.key(d[off + i]);
        }
        k = keys;
        koff = 0;
      } else {
        k = chunk.longs(column);
        koff = off;
      }
      if (lo != null) {
        for (int r = 0; r < lo.length; r++) {
          BlockFilter.rangeBits(k, koff, n, lo[r], hi[r], out, r > 0);
        }
      } else {
        for (int w = 0, words = Masks.words(n); w < words; w++) {
          int lim = Math.min(64, n - (w << 6));
          int o = koff + (w << 6);
          long bits = 0;
          for (int b = 0; b < lim; b++) {
            boolean in = Arrays.binarySearch(set, k[o + b]) >= 0;
            bits |= (in != negated ? 1L : 0L) << b;
          }
          out[w] = bits;
        }
      }
      return andNotNull(chunk.nulls(column), off, n, out);
    }
  }
}
