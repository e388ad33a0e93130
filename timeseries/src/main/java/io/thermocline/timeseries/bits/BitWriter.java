package io.thermocline.timeseries.bits;

import java.util.Arrays;

/**
 * Appends bit fields, most significant bit first, to a growable {@code long[]}. Bit {@code i} of
 * the stream is bit {@code 63 - (i & 63)} of word {@code i >>> 6}, so the serialized form is the
 * words in big-endian byte order, cut after the last used byte.
 *
 * <p>Single-threaded: one writer belongs to one encoding at a time. {@link #reset()} makes it
 * reusable without reallocating, which is how the codec chooser keeps scratch writers per block.
 */
public final class BitWriter {
  private long[] words;
  private long bits;

  public BitWriter() {
    this(1024);
  }

  public BitWriter(int initialBits) {
    words = new long[Math.max(2, (initialBits >>> 6) + 2)];
  }

  /** Number of bits written so far. */
  public long bitLength() {
    return bits;
  }

  /** Number of bytes {@link #toByteArray()} returns. */
  public int byteLength() {
    return (int) ((bits + 7) >>> 3);
  }

  /** Forgets everything written; keeps the buffer. */
  public void reset() {
    Arrays.fill(words, 0, (int) Math.min(words.length, (bits >>> 6) + 2), 0L);
    bits = 0;
  }

  public void writeBit(boolean bit) {
    writeBits(bit ? 1L : 0L, 1);
  }

  /** Writes the low {@code n} bits of {@code value}, {@code 0 <= n <= 64}. */
  public void writeBits(long value, int n) {
    if (n == 0) {
      return;
    }
    int idx = (int) (bits >>> 6);
    if (idx + 1 >= words.length) {
      grow(idx + 2);
    }
    long v = n == 64 ? value : value & ~(-1L << n);
    int free = 64 - (int) (bits & 63);
    if (n <= free) {
      words[idx] |= v << (free - n);
    } else {
      int spill = n - free;
      words[idx] |= v >>> spill;
      words[idx + 1] |= v << (64 - spill);
    }
    bits += n;
  }

  /**
   * Writes {@code count} values of {@code src} starting at {@code from}, each as its low {@code
   * width} bits. The bulk form of {@link #writeBits} for bit-packed runs.
   */
  public void writePacked(long[] src, int from, int count, int width) {
    if (width == 0 || count == 0) {
      return;
    }
    long needed = bits + (long) count * width;
    int lastIdx = (int) (needed >>> 6);
    if (lastIdx + 1 >= words.length) {
      grow(lastIdx + 2);
    }
    long[] w = words;
    long pos = bits;
    long mask = width == 64 ? -1L : ~(-1L << width);
    for (int i = from, end = from + count; i < end; i++) {
      long v = src[i] & mask;
      int idx = (int) (pos >>> 6);
      int free = 64 - (int) (pos & 63);
      if (width <= free) {
        w[idx] |= v << (free - width);
      } else {
        int spill = width - free;
        w[idx] |= v >>> spill;
        w[idx + 1] |= v << (64 - spill);
      }
      pos += width;
    }
    bits = pos;
  }

  /** Appends everything {@code other} holds. */
  public void append(BitWriter other) {
    long remaining = other.bits;
    int i = 0;
    while (remaining >= 64) {
      writeBits(other.words[i++], 64);
      remaining -= 64;
    }
    if (remaining > 0) {
      writeBits(other.words[i] >>> (64 - remaining), (int) remaining);
    }
  }

  /** The bits written, big-endian, padded with zero bits to a whole byte. */
  public byte[] toByteArray() {
    byte[] out = new byte[byteLength()];
    copyTo(out, 0);
    return out;
  }

  /** Copies {@link #byteLength()} bytes into {@code dst} at {@code offset}. */
  public void copyTo(byte[] dst, int offset) {
    int n = byteLength();
    for (int b = 0; b < n; b++) {
      dst[offset + b] = (byte) (words[b >>> 3] >>> (56 - ((b & 7) << 3)));
    }
  }

  private void grow(int minWords) {
    words = Arrays.copyOf(words, Math.max(minWords, words.length * 2));
  }
}
