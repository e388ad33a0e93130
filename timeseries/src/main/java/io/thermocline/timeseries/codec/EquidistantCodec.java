package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitWriter;

/**
 * An arithmetic progression as its start and increment, 64 bits each, and nothing per value: the
 * timestamps of an equidistant series, or a counter column. Accepts only arithmetic progressions
 * (differences taken modulo 2^64). Stateless.
 */
public final class EquidistantCodec implements LongCodec {
  public static final EquidistantCodec INSTANCE = new EquidistantCodec();

  private EquidistantCodec() {}

  @Override
  public CodecId id() {
    return CodecId.EQUIDISTANT;
  }

  @Override
  public boolean canEncode(long[] values, int from, int count) {
    if (count <= 2) {
      return true;
    }
    long increment = values[from + 1] - values[from];
    for (int i = from + 2, end = from + count; i < end; i++) {
      if (values[i] - values[i - 1] != increment) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void encode(long[] values, int from, int count, BitWriter out) {
    if (!canEncode(values, from, count)) {
      throw new IllegalArgumentException("values are not equidistant");
    }
    if (count == 0) {
      return;
    }
    out.writeBits(values[from], 64);
    if (count > 1) {
      out.writeBits(values[from + 1] - values[from], 64);
    }
  }

  @Override
  public void decode(BitReader in, int count, long[] dst, int dstFrom) {
    if (count == 0) {
      return;
    }
    long v = in.readBits(64);
    long increment = count > 1 ? in.readBits(64) : 0;
    for (int i = dstFrom, end = dstFrom + count; i < end; i++) {
      dst[i] = v;
      v += increment;
    }
  }
}
