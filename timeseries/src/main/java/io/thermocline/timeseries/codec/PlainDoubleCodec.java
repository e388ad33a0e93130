package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitWriter;

/** Every double as its 64 raw bits: the fallback that bounds the worst case. Stateless. */
public final class PlainDoubleCodec implements DoubleCodec {
  public static final PlainDoubleCodec INSTANCE = new PlainDoubleCodec();

  private PlainDoubleCodec() {}

  @Override
  public CodecId id() {
    return CodecId.PLAIN_DOUBLE;
  }

  @Override
  public long minimumBits(double[] values, int from, int count) {
    return 64L * count;
  }

  @Override
  public void encode(double[] values, int from, int count, BitWriter out) {
    for (int i = from, end = from + count; i < end; i++) {
      out.writeBits(Double.doubleToRawLongBits(values[i]), 64);
    }
  }

  @Override
  public void decode(BitReader in, int count, double[] dst, int dstFrom) {
    for (int i = dstFrom, end = dstFrom + count; i < end; i++) {
      dst[i] = Double.longBitsToDouble(in.readBits(64));
    }
  }
}
