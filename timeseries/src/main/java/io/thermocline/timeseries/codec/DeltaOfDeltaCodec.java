package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitWriter;

/**
 * Delta-of-delta in the manner of Gorilla's timestamps, for nearly regular series: the first value
 * and the first difference in 64 bits each, then per value the change of the difference, zigzag
 * mapped, in one of five buckets: {@code 0} (unchanged), {@code 10}+7 bits, {@code 110}+14 bits,
 * {@code 1110}+24 bits, {@code 1111}+64 bits. The buckets are wider than Gorilla's because
 * Thermocline timestamps are microseconds, where jitter of a few milliseconds is common. Stateless.
 */
public final class DeltaOfDeltaCodec implements LongCodec {
  public static final DeltaOfDeltaCodec INSTANCE = new DeltaOfDeltaCodec();

  private DeltaOfDeltaCodec() {}

  @Override
  public CodecId id() {
    return CodecId.DELTA_OF_DELTA;
  }

  @Override
  public void encode(long[] values, int from, int count, BitWriter out) {
    if (count == 0) {
      return;
    }
    out.writeBits(values[from], 64);
    if (count == 1) {
      return;
    }
    long prevDelta = values[from + 1] - values[from];
    out.writeBits(prevDelta, 64);
    for (int i = from + 2, end = from + count; i < end; i++) {
      long delta = values[i] - values[i - 1];
      long z = ZigZag.encode(delta - prevDelta);
      prevDelta = delta;
      if (z == 0) {
        out.writeBits(0, 1);
      } else if (z >>> 7 == 0) {
        out.writeBits((0b10L << 7) | z, 9);
      } else if (z >>> 14 == 0) {
        out.writeBits((0b110L << 14) | z, 17);
      } else if (z >>> 24 == 0) {
        out.writeBits((0b1110L << 24) | z, 28);
      } else {
        out.writeBits(0b1111, 4);
        out.writeBits(z, 64);
      }
    }
  }

  @Override
  public void decode(BitReader in, int count, long[] dst, int dstFrom) {
    if (count == 0) {
      return;
    }
    long prev = in.readBits(64);
    dst[dstFrom] = prev;
    if (count == 1) {
      return;
    }
    long delta = in.readBits(64);
    prev += delta;
    dst[dstFrom + 1] = prev;
    for (int i = dstFrom + 2, end = dstFrom + count; i < end; i++) {
      long z;
      if (!in.readBit()) {
        z = 0;
      } else if (!in.readBit()) {
        z = in.readBits(7);
      } else if (!in.readBit()) {
        z = in.readBits(14);
      } else if (!in.readBit()) {
        z = in.readBits(24);
      } else {
        z = in.readBits(64);
      }
      delta += ZigZag.decode(z);
      prev += delta;
      dst[i] = prev;
    }
  }
}
