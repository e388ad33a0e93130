package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitStreamException;
import io.thermocline.timeseries.bits.BitWriter;

/**
 * Frame of reference with bit packing: the block minimum in 64 bits, a width in 7 bits, then every
 * value minus the minimum in that many bits. The difference is taken modulo 2^64 and read as
 * unsigned, so the full range from {@link Long#MIN_VALUE} to {@link Long#MAX_VALUE} fits in 64
 * bits. Stateless.
 */
public final class FrameOfReferenceCodec implements LongCodec {
  public static final FrameOfReferenceCodec INSTANCE = new FrameOfReferenceCodec();

  private FrameOfReferenceCodec() {}

  @Override
  public CodecId id() {
    return CodecId.FRAME_OF_REFERENCE;
  }

  @Override
  public void encode(long[] values, int from, int count, BitWriter out) {
    if (count == 0) {
      return;
    }
    long min = values[from];
    long max = min;
    for (int i = from + 1, end = from + count; i < end; i++) {
      long v = values[i];
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    int width = ZigZag.width(max - min);
    out.writeBits(min, 64);
    out.writeBits(width, 7);
    for (int i = from, end = from + count; i < end; i++) {
      out.writeBits(values[i] - min, width);
    }
  }

  @Override
  public void decode(BitReader in, int count, long[] dst, int dstFrom) {
    if (count == 0) {
      return;
    }
    long min = in.readBits(64);
    int width = (int) in.readBits(7);
    if (width > 64) {
      throw new BitStreamException("frame-of-reference width " + width + " exceeds 64");
    }
    in.readPacked(dst, dstFrom, count, width);
    for (int i = dstFrom, end = dstFrom + count; i < end; i++) {
      dst[i] += min;
    }
  }
}
