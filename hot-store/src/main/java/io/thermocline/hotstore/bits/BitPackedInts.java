package io.thermocline.hotstore.bits;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.Arrays;

/**
 * An immutable array of unsigned integers of one bit width (0..64), packed into {@code long} words
 * (value {@code i} starts at bit {@code i * width}). Written once by a {@link Writer}, then read by
 * any number of threads without synchronization (safe publication through a final field or a
 * volatile root is the caller's part).
 *
 * <p>Written here because the JDK has no packed integer array ({@code BitSet} holds single bits).
 * Two padding words past the end let every read take two words, and a streaming read look one word
 * ahead, without a bounds branch.
 */
public final class BitPackedInts {
  private static final BitPackedInts[] EMPTY_ZERO_WIDTH = {new BitPackedInts(new long[1], 0, 0)};

  private final long[] words;
  private final int width;
  private final int size;
  private final long mask;

  private BitPackedInts(long[] words, int width, int size) {
    this.words = words;
    this.width = width;
    this.size = size;
    this.mask = width == 64 ? -1L : (1L << width) - 1;
  }

  /** The number of bits needed to hold {@code maxValue} (an unsigned value); 0 for 0. */
  public static int bitsFor(long maxValue) {
    return 64 - Long.numberOfLeadingZeros(maxValue);
  }

  /** {@code size} zeros of width 0: costs no words at all. */
  public static BitPackedInts zeros(int size) {
    return size == 0 ? EMPTY_ZERO_WIDTH[0] : new BitPackedInts(new long[1], 0, size);
  }

  public static Writer writer(int width, int size) {
    return new Writer(width, size);
  }

  public int width() {
    return width;
  }

  public int size() {
    return size;
  }

  /** Heap bytes of the word array (header included). */
  public long bytes() {
    return 16L + 8L * words.length;
  }

  public long get(int index) {
    if (width == 0) {
      return 0;
    }
    if (width == 64) {
      return words[index];
    }
    long bit = (long) index * width;
    int w = (int) (bit >>> 6);
    int shift = (int) bit & 63;
    return ((words[w] >>> shift) | ((words[w + 1] << 1) << (63 - shift))) & mask;
  }

  /** Unpacks values {@code [start, start + n)} into {@code out[0, n)}; width must be at most 32. */
  public void unpackInts(int start, int n, int[] out) {
    if (width == 0) {
      Arrays.fill(out, 0, n, 0);
      return;
    }
    unpack(start, n, out, null);
  }

  /**
   * The streaming loop of both unpacks; exactly one of {@code ints} and {@code longs} is non-null.
   * Streams through the words keeping the current and next word in registers: measured about 1.5x
   * faster than recomputing the word index and reloading both words for every value. The test of
   * which array to fill is loop-invariant; measured as fast as two separate loops (design notes).
   */
  private void unpack(int start, int n, int[] ints, long[] longs) {
    final long[] ws = words;
    final long m = mask;
    final int wd = width;
    long bit = (long) start * wd;
    int w = (int) (bit >>> 6);
    int shift = (int) bit & 63;
    long cur = ws[w];
    long next = ws[w + 1];
    for (int i = 0; i < n; i++) {
      long v = ((cur >>> shift) | ((next << 1) << (63 - shift))) & m;
      if (ints != null) {
        ints[i] = (int) v;
      } else {
        longs[i] = v;
      }
      shift += wd;
      if (shift >= 64) {
        shift -= 64;
        cur = next;
        w++;
        next = ws[w + 1];
      }
    }
  }

  /**
   * Sets bit {@code i} of {@code out} where value {@code start + i} lies in {@code [lo, hi)}, for
   * {@code i < n}, decoding and testing in one pass (no intermediate id array). Width at most 32.
   * Returns whether any bit is set.
   */
  public boolean rangeMask(int start, int n, int lo, int hi, long[] out) {
    final long[] ws = words;
    final long m = mask;
    final int wd = width;
    final long a = lo - Long.MIN_VALUE;
    final long span = (long) hi - lo + Long.MIN_VALUE;
    long bit = (long) start * wd;
    int w = (int) (bit >>> 6);
    int shift = (int) bit & 63;
    long cur = ws[w];
    long next = width == 0 ? 0 : ws[w + 1];
    long any = 0;
    for (int ow = 0, words = (n + 63) >>> 6; ow < words; ow++) {
      int lim = Math.min(64, n - (ow << 6));
      long bits = 0;
      for (int b = 0; b < lim; b++) {
        long v = ((cur >>> shift) | ((next << 1) << (63 - shift))) & m;
        // Unsigned v - lo < hi - lo, as one signed comparison of values offset by MIN_VALUE.
        bits |= (v - a < span ? 1L : 0L) << b;
        shift += wd;
        if (shift >= 64) {
          shift -= 64;
          cur = next;
          w++;
          next = ws[w + 1];
        }
      }
      out[ow] = bits;
      any |= bits;
    }
    return any != 0;
  }

  /** Unpacks values {@code [start, start + n)} into {@code out[0, n)}. */
  public void unpackLongs(int start, int n, long[] out) {
    if (width == 0) {
      Arrays.fill(out, 0, n, 0L);
      return;
    }
    if (width == 64) {
      System.arraycopy(words, start, out, 0, n);
      return;
    }
    unpack(start, n, null, out);
  }

  /**
   * The packed words, for a writer that copies a prefix unchanged ({@link Writer#copyPrefix}). Do
   * not modify.
   */
  long[] words() {
    return words;
  }

  /**
   * Appends values in order; {@link #finish} hands the array over. Single-threaded. Values must fit
   * the width (checked: a wider value is a bug, not bad input).
   */
  public static final class Writer {
    private final int width;
    private final int size;
    private final long[] words;
    private final long limit;
    private int count;
    private long bit;

    private Writer(int width, int size) {
      if (width < 0 || width > 64 || size < 0) {
        throw new ThermoException(
            ErrorCode.INTERNAL, "bad packed array width " + width + " size " + size);
      }
      this.width = width;
      this.size = size;
      this.words = new long[width == 0 ? 1 : (int) (((long) width * size + 63) >>> 6) + 2];
      this.limit = width == 64 ? -1L : (1L << width) - 1;
    }

    public void add(long value) {
      if (width != 64 && Long.compareUnsigned(value, limit) > 0) {
        throw new ThermoException(
            ErrorCode.INTERNAL, "value " + value + " does not fit " + width + " bits");
      }
      if (count >= size) {
        throw new ThermoException(ErrorCode.INTERNAL, "packed array is full at " + size);
      }
      count++;
      if (width == 0) {
        return;
      }
      int w = (int) (bit >>> 6);
      int shift = (int) bit & 63;
      words[w] |= value << shift;
      if (shift + width > 64) {
        words[w + 1] |= value >>> (64 - shift);
      }
      bit += width;
    }

    /** Appends {@code n} values from {@code values[0, n)} (all must fit the width). */
    public void addInts(int[] values, int n) {
      if (count + n > size) {
        throw new ThermoException(ErrorCode.INTERNAL, "packed array is full at " + size);
      }
      int any = 0;
      for (int i = 0; i < n; i++) {
        any |= values[i];
      }
      if (any < 0 || (width < 31 && (any >>> width) != 0)) {
        throw new ThermoException(
            ErrorCode.INTERNAL,
            "values " + Integer.toHexString(any) + " exceed " + width + " bits");
      }
      count += n;
      if (width == 0) {
        return;
      }
      // The padding word past the end lets both halves be written without a branch.
      final long[] ws = words;
      final int wd = width;
      long b = bit;
      for (int i = 0; i < n; i++) {
        long v = values[i] & 0xFFFF_FFFFL;
        int w = (int) (b >>> 6);
        int shift = (int) b & 63;
        ws[w] |= v << shift;
        ws[w + 1] |= (v >>> 1) >>> (63 - shift);
        b += wd;
      }
      bit = b;
    }

    /**
     * Starts the array with the first {@code n} values of {@code source}, which must have the same
     * width; copies whole words, so an unchanged prefix costs a memory copy, not a re-pack.
     */
    public void copyPrefix(BitPackedInts source, int n) {
      if (count != 0 || source.width != width || n > source.size || n > size) {
        throw new ThermoException(ErrorCode.INTERNAL, "bad packed prefix copy");
      }
      count = n;
      if (width == 0) {
        return;
      }
      long bits = (long) n * width;
      int full = (int) (bits >>> 6);
      System.arraycopy(source.words, 0, words, 0, full);
      int rest = (int) bits & 63;
      if (rest != 0) {
        words[full] = source.words[full] & ((1L << rest) - 1);
      }
      bit = bits;
    }

    public int count() {
      return count;
    }

    public int width() {
      return width;
    }

    public BitPackedInts finish() {
      if (count != size) {
        throw new ThermoException(
            ErrorCode.INTERNAL, "packed array has " + count + " of " + size + " values");
      }
      return new BitPackedInts(words, width, size);
    }
  }
}
