package io.thermocline.timeseries.bits;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the bit fields a {@link BitWriter} wrote, in the same order. Reading past the last bit
 * throws {@link BitStreamException}, so a damaged or truncated stream can never be decoded into
 * values taken from outside it.
 *
 * <p>Single-threaded: one reader belongs to one decoding.
 */
public final class BitReader {
  private static final VarHandle BIG_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final long[] words;
  private final long limit;
  private long pos;

  /** Reads the {@code length} bytes of {@code src} starting at {@code offset}. */
  public BitReader(byte[] src, int offset, int length) {
    // One copy per block into padded words keeps every read branch-light (no end-of-array cases).
    words = new long[(length >>> 3) + 2];
    int full = length >>> 3;
    for (int w = 0; w < full; w++) {
      words[w] = (long) BIG_ENDIAN_LONGS.get(src, offset + (w << 3));
    }
    for (int b = full << 3; b < length; b++) {
      words[b >>> 3] |= (src[offset + b] & 0xFFL) << (56 - ((b & 7) << 3));
    }
    limit = (long) length << 3;
  }

  public BitReader(byte[] src) {
    this(src, 0, src.length);
  }

  /** Bits consumed so far. */
  public long position() {
    return pos;
  }

  /** Bits left before the end of the stream. */
  public long remaining() {
    return limit - pos;
  }

  public boolean readBit() {
    if (pos >= limit) {
      throw pastEnd(1);
    }
    long p = pos++;
    return ((words[(int) (p >>> 6)] << (p & 63)) < 0);
  }

  /** Reads {@code n} bits, {@code 0 <= n <= 64}, as an unsigned value. */
  public long readBits(int n) {
    if (n == 0) {
      return 0;
    }
    if (pos + n > limit) {
      throw pastEnd(n);
    }
    int idx = (int) (pos >>> 6);
    int off = (int) (pos & 63);
    pos += n;
    long hi = words[idx] << off;
    if (off + n <= 64) {
      return hi >>> (64 - n);
    }
    return (hi >>> (64 - n)) | (words[idx + 1] >>> (128 - off - n));
  }

  /**
   * The 64 bits starting at bit {@code position}, without consuming anything; bits past the end of
   * the stream read as zero. For decoders that keep their position in a local variable (prefix
   * codes) and hand it back through {@link #seek}, which checks it.
   */
  public long peekAt(long position) {
    int idx = (int) (position >>> 6);
    if (idx >= words.length - 1) {
      return idx == words.length - 1 ? words[idx] << (position & 63) : 0;
    }
    int off = (int) (position & 63);
    // Two shifts instead of one so that off == 0 needs no branch.
    return (words[idx] << off) | ((words[idx + 1] >>> 1) >>> (63 - off));
  }

  /**
   * Moves to bit {@code position}, which a decoder reached by peeking.
   *
   * @throws BitStreamException if that is past the end: the decoder read padding, not data
   */
  public void seek(long position) {
    if (position > limit || position < 0) {
      throw new BitStreamException(
          "decoding reached bit " + position + " past the end of the stream (" + limit + " bits)");
    }
    pos = position;
  }

  /**
   * Reads {@code count} values of {@code width} bits into {@code dst} starting at {@code from}; the
   * bulk form of {@link #readBits} for bit-packed runs.
   */
  public void readPacked(long[] dst, int from, int count, int width) {
    if (width == 0) {
      java.util.Arrays.fill(dst, from, from + count, 0L);
      return;
    }
    if (pos + (long) count * width > limit) {
      throw pastEnd((long) count * width);
    }
    long[] w = words;
    long p = pos;
    int rshift = 64 - width;
    for (int i = from, end = from + count; i < end; i++) {
      int idx = (int) (p >>> 6);
      int off = (int) (p & 63);
      long v = (w[idx] << off) >>> rshift;
      if (off + width > 64) {
        v |= w[idx + 1] >>> (128 - off - width);
      }
      dst[i] = v;
      p += width;
    }
    pos = p;
  }

  private BitStreamException pastEnd(long wanted) {
    return new BitStreamException(
        "read of "
            + wanted
            + " bits at bit "
            + pos
            + " passes the end of the stream ("
            + limit
            + " bits)");
  }
}
