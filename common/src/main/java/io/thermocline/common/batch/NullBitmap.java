package io.thermocline.common.batch;

/**
 * Operations on a bitmap held as {@code long[]} words, bit {@code i} in word {@code i >>> 6}. Used
 * for null masks and selection masks; primitive and allocation-free so hot loops can call it.
 */
public final class NullBitmap {
  private NullBitmap() {}

  public static long[] allocate(int bits) {
    return new long[words(bits)];
  }

  public static int words(int bits) {
    return (bits + 63) >>> 6;
  }

  public static boolean get(long[] words, int i) {
    return (words[i >>> 6] & (1L << i)) != 0;
  }

  public static void set(long[] words, int i) {
    words[i >>> 6] |= 1L << i;
  }

  public static void clear(long[] words, int i) {
    words[i >>> 6] &= ~(1L << i);
  }

  public static int cardinality(long[] words, int bits) {
    int n = 0;
    int full = bits >>> 6;
    for (int w = 0; w < full; w++) {
      n += Long.bitCount(words[w]);
    }
    if ((bits & 63) != 0) {
      n += Long.bitCount(words[full] & ((1L << bits) - 1));
    }
    return n;
  }

  /** The lowest set bit below {@code bits}, or -1 when none is set. */
  public static int firstSet(long[] words, int bits) {
    for (int w = 0, e = words(bits); w < e; w++) {
      if (words[w] != 0) {
        int i = (w << 6) + Long.numberOfTrailingZeros(words[w]);
        return i < bits ? i : -1;
      }
    }
    return -1;
  }
}
