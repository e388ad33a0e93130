package io.thermocline.hotstore.bits;

import java.util.Arrays;

/**
 * Word operations on selection masks of one block ({@code long[]}, bit {@code i} = row {@code i} of
 * the block). Allocation-free so that the per-block loops of scans and aggregates can call them.
 * {@link io.thermocline.common.batch.NullBitmap} covers single bits; these work on whole words and
 * on bit ranges at any offset.
 */
public final class Masks {
  private Masks() {}

  public static int words(int bits) {
    return (bits + 63) >>> 6;
  }

  /** Sets bits {@code [0, n)} and clears the rest of the first {@code words(n)} words. */
  public static void fillOnes(long[] mask, int n) {
    int full = n >>> 6;
    Arrays.fill(mask, 0, full, -1L);
    if ((n & 63) != 0) {
      mask[full] = (1L << n) - 1;
    }
  }

  public static void clear(long[] mask, int n) {
    Arrays.fill(mask, 0, words(n), 0L);
  }

  /** {@code a &= b} over the words of {@code n} bits; returns whether any bit remains. */
  public static boolean and(long[] a, long[] b, int n) {
    long any = 0;
    for (int w = 0, e = words(n); w < e; w++) {
      any |= a[w] &= b[w];
    }
    return any != 0;
  }

  /** {@code a |= b}; returns whether any bit is set. */
  public static boolean or(long[] a, long[] b, int n) {
    long any = 0;
    for (int w = 0, e = words(n); w < e; w++) {
      any |= a[w] |= b[w];
    }
    return any != 0;
  }

  /** {@code a &= ~b}; returns whether any bit remains. */
  public static boolean andNot(long[] a, long[] b, int n) {
    long any = 0;
    for (int w = 0, e = words(n); w < e; w++) {
      any |= a[w] &= ~b[w];
    }
    return any != 0;
  }

  public static boolean isEmpty(long[] mask, int n) {
    for (int w = 0, e = words(n); w < e; w++) {
      if (mask[w] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether all of bits {@code [0, n)} are set. */
  public static boolean isFull(long[] mask, int n) {
    int full = n >>> 6;
    for (int w = 0; w < full; w++) {
      if (mask[w] != -1L) {
        return false;
      }
    }
    if ((n & 63) != 0) {
      long want = (1L << n) - 1;
      return (mask[full] & want) == want;
    }
    return true;
  }

  public static int cardinality(long[] mask, int n) {
    int c = 0;
    for (int w = 0, e = words(n); w < e; w++) {
      c += Long.bitCount(mask[w]);
    }
    return c;
  }

  /** Writes the positions of set bits, ascending, into {@code out}; returns how many. */
  public static int positions(long[] mask, int n, int[] out) {
    int c = 0;
    for (int w = 0, e = words(n); w < e; w++) {
      long bits = mask[w];
      int base = w << 6;
      while (bits != 0) {
        out[c++] = base + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    return c;
  }

  /**
   * Copies bits {@code [srcBit, srcBit + n)} of {@code src} to {@code [0, n)} of {@code dst},
   * clearing the rest of the last written word. {@code src} may be null (all zero).
   */
  public static void copyOut(long[] src, int srcBit, long[] dst, int n) {
    int words = words(n);
    if (src == null) {
      Arrays.fill(dst, 0, words, 0L);
      return;
    }
    int sw = srcBit >>> 6;
    int shift = srcBit & 63;
    if (shift == 0) {
      int avail = Math.min(words, src.length - sw);
      System.arraycopy(src, sw, dst, 0, Math.max(0, avail));
      Arrays.fill(dst, Math.max(0, avail), words, 0L);
    } else {
      for (int w = 0; w < words; w++) {
        long lo = sw + w < src.length ? src[sw + w] >>> shift : 0L;
        long hi = sw + w + 1 < src.length ? src[sw + w + 1] << (64 - shift) : 0L;
        dst[w] = lo | hi;
      }
    }
    if ((n & 63) != 0) {
      dst[words - 1] &= (1L << n) - 1;
    }
  }

  /**
   * ORs bits {@code [0, n)} of {@code src} into {@code dst} starting at bit {@code dstBit}. Returns
   * whether any bit was set.
   */
  public static boolean orInto(long[] src, int n, long[] dst, int dstBit) {
    long any = 0;
    int words = words(n);
    int dw = dstBit >>> 6;
    int shift = dstBit & 63;
    for (int w = 0; w < words; w++) {
      long bits = src[w];
      if (w == words - 1 && (n & 63) != 0) {
        bits &= (1L << n) - 1;
      }
      if (bits == 0) {
        continue;
      }
      any |= bits;
      dst[dw + w] |= bits << shift;
      if (shift != 0) {
        long carry = bits >>> (64 - shift);
        if (carry != 0) {
          dst[dw + w + 1] |= carry;
        }
      }
    }
    return any != 0;
  }

  /** Clears bits {@code [from, from + n)} of {@code words}. */
  public static void clearRange(long[] words, int from, int n) {
    for (int i = from, end = from + n; i < end; ) {
      int w = i >>> 6;
      int bit = i & 63;
      int len = Math.min(64 - bit, end - i);
      long m = len == 64 ? -1L : ((1L << len) - 1) << bit;
      words[w] &= ~m;
      i += len;
    }
  }

  /** Whether any of bits {@code [from, from + n)} of {@code words} is set. */
  public static boolean anyInRange(long[] words, int from, int n) {
    if (words == null || n <= 0) {
      return false;
    }
    int end = from + n;
    int fw = from >>> 6;
    int lw = (end - 1) >>> 6;
    for (int w = fw; w <= lw && w < words.length; w++) {
      long bits = words[w];
      if (w == fw) {
        bits &= -1L << from;
      }
      if (w == lw && (end & 63) != 0) {
        bits &= (1L << end) - 1;
      }
      if (bits != 0) {
        return true;
      }
    }
    return false;
  }
}
