package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitWriter;

/** Every value as its 64 raw bits: the fallback that bounds the worst case. Stateless. */
public final class PlainLongCodec implements LongCodec {
  public static final PlainLongCodec INSTANCE = new PlainLongCodec();

  private PlainLongCodec() {}

  @Override
  public CodecId id() {
    return CodecId.PLAIN_LONG;
  }

  @Override
  public long minimumBits(long[] values, int from, int count) {
    return 64L * count;
  }

  @Override
  public void encode(long[] values, int from, int count, BitWriter out) {
    out.writePacked(values, from, count, 64);
  }

  @Override
  public void decode(BitReader in, int count, long[] dst, int dstFrom) {
    in.readPacked(dst, dstFrom, count, 64);
  }
}
