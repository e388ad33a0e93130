package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitStreamException;
import io.thermocline.timeseries.bits.BitWriter;

/**
 * Delta, zigzag and bit packing: the first value in 64 bits, then the differences between
 * neighbours, zigzag-mapped, in miniblocks of {@value #MINIBLOCK} with a 7-bit width each. Per
 * miniblock widths keep one outlier from widening the whole block. Differences wrap modulo 2^64,
 * which decoding undoes exactly. Stateless.
 */
public final class DeltaZigZagCodec implements LongCodec {
  public static final DeltaZigZagCodec INSTANCE = new DeltaZigZagCodec();

  /** Values per miniblock; a power of two so the width overhead is 7/64 bits per value. */
  static final int MINIBLOCK = 64;

  private DeltaZigZagCodec() {}

  @Override
  public CodecId id() {
    return CodecId.DELTA_ZIGZAG;
  }

  @Override
  public void encode(long[] values, int from, int count, BitWriter out) {
    if (count == 0) {
      return;
    }
    out.writeBits(values[from], 64);
    long[] mini = new long[MINIBLOCK];
    long prev = values[from];
    int end = from + count;
    for (int i = from + 1; i < end; ) {
      int n = Math.min(MINIBLOCK, end - i);
      long or = 0;
      for (int k = 0; k < n; k++) {
        long v = values[i + k];
        long z = ZigZag.encode(v - prev);
        prev = v;
        mini[k] = z;
        or |= z;
      }
      int width = ZigZag.width(or);
      out.writeBits(width, 7);
      out.writePacked(mini, 0, n, width);
      i += n;
    }
  }

  @Override
  public void decode(BitReader in, int count, long[] dst, int dstFrom) {
    if (count == 0) {
      return;
    }
    long prev = in.readBits(64);
    dst[dstFrom] = prev;
    int end = dstFrom + count;
    for (int i = dstFrom + 1; i < end; ) {
      int n = Math.min(MINIBLOCK, end - i);
      int width = (int) in.readBits(7);
      if (width > 64) {
        throw new BitStreamException("delta width " + width + " exceeds 64");
      }
      in.readPacked(dst, i, n, width);
      for (int k = i, e = i + n; k < e; k++) {
        prev += ZigZag.decode(dst[k]);
        dst[k] = prev;
      }
      i += n;
    }
  }
}
