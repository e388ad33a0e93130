package io.thermocline.hotstore.scan;

import io.thermocline.hotstore.bits.Masks;
import java.util.List;

/**
 * A compiled filter for one segment: writes the selection mask of the rows {@code [start, start +
 * n)} of the segment ({@code start} a multiple of 64, the range inside one zone and chunk). Built
 * once per scan and segment, used by one thread; composite nodes own their scratch masks so that
 * evaluation allocates nothing.
 */
public abstract class BlockFilter {

  /** Fills bits {@code [0, n)} of {@code out}; returns whether any bit is set. */
  public abstract boolean eval(int start, int n, long[] out);

  static BlockFilter constant(boolean all) {
    return new BlockFilter() {
      @Override
      public boolean eval(int start, int n, long[] out) {
        if (all) {
          Masks.fillOnes(out, n);
          return n > 0;
        }
        Masks.clear(out, n);
        return false;
      }
    };
  }

  static BlockFilter all(List<BlockFilter> terms, int blockSize) {
    BlockFilter[] ts = terms.toArray(new BlockFilter[0]);
    long[] tmp = new long[Masks.words(blockSize)];
    return new BlockFilter() {
      @Override
      public boolean eval(int start, int n, long[] out) {
        if (!ts[0].eval(start, n, out)) {
          return false;
        }
        for (int i = 1; i < ts.length; i++) {
          if (!ts[i].eval(start, n, tmp) || !Masks.and(out, tmp, n)) {
            Masks.clear(out, n);
            return false;
          }
        }
        return true;
      }
    };
  }

  static BlockFilter any(List<BlockFilter> terms, int blockSize) {
    BlockFilter[] ts = terms.toArray(new BlockFilter[0]);
    long[] tmp = new long[Masks.words(blockSize)];
    return new BlockFilter() {
      @Override
      public boolean eval(int start, int n, long[] out) {
        boolean any = ts[0].eval(start, n, out);
        for (int i = 1; i < ts.length; i++) {
          if (ts[i].eval(start, n, tmp)) {
            any |= Masks.or(out, tmp, n);
          }
        }
        return any;
      }
    };
  }

  /**
   * Sets bit {@code i} of {@code out} where {@code lo <= keys[i] <= hi} (signed, inclusive) for
   * {@code i < n}, ORing into what is there when {@code or}.
   */
  static void rangeBits(long[] keys, int off, int n, long lo, long hi, long[] out, boolean or) {
    long span = hi - lo + Long.MIN_VALUE;
    long shifted = lo;
    for (int w = 0, words = Masks.words(n); w < words; w++) {
      int lim = Math.min(64, n - (w << 6));
      int o = off + (w << 6);
      long bits = 0;
      for (int b = 0; b < lim; b++) {
        bits |= ((keys[o + b] - shifted + Long.MIN_VALUE) <= span ? 1L : 0L) << b;
      }
      out[w] = or ? out[w] | bits : bits;
    }
  }
}
