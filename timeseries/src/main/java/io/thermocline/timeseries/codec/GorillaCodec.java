package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitStreamException;
import io.thermocline.timeseries.bits.BitWriter;

/**
 * Gorilla XOR compression (Pelkonen et al., VLDB 2015): each value XOR its predecessor; {@code 0}
 * for an equal value, {@code 10} + the meaningful bits when they fit the previous window of
 * leading/trailing zeros, else {@code 11} + 5 bits leading zeros + 6 bits length + the bits. Works
 * on raw bits, so NaN payloads and signed zeros survive. Stateless.
 */
public final class GorillaCodec implements DoubleCodec {
  public static final GorillaCodec INSTANCE = new GorillaCodec();

  private GorillaCodec() {}

  @Override
  public CodecId id() {
    return CodecId.GORILLA;
  }

  /**
   * A changed value costs at least its control bits plus the bits between the leading and trailing
   * zeros of its XOR (a reused window is only wider); a repeat costs one bit.
   */
  @Override
  public long minimumBits(double[] values, int from, int count) {
    if (count == 0) {
      return 0;
    }
    long bits = 64;
    long prev = Double.doubleToRawLongBits(values[from]);
    for (int i = from + 1, end = from + count; i < end; i++) {
      long cur = Double.doubleToRawLongBits(values[i]);
      long xor = cur ^ prev;
      prev = cur;
      bits += xor == 0 ? 1 : 66 - Long.numberOfLeadingZeros(xor) - Long.numberOfTrailingZeros(xor);
    }
    return bits;
  }

  @Override
  public void encode(double[] values, int from, int count, BitWriter out) {
    if (count == 0) {
      return;
    }
    long prev = Double.doubleToRawLongBits(values[from]);
    out.writeBits(prev, 64);
    int storedLead = Integer.MAX_VALUE;
    int storedTrail = 0;
    for (int i = from + 1, end = from + count; i < end; i++) {
      long cur = Double.doubleToRawLongBits(values[i]);
      long xor = cur ^ prev;
      prev = cur;
      if (xor == 0) {
        out.writeBits(0, 1);
        continue;
      }
      int lead = Math.min(31, Long.numberOfLeadingZeros(xor));
      int trail = Long.numberOfTrailingZeros(xor);
      if (lead >= storedLead && trail >= storedTrail) {
        out.writeBits(0b10, 2);
        out.writeBits(xor >>> storedTrail, 64 - storedLead - storedTrail);
      } else {
        int significant = 64 - lead - trail;
        // 64 significant bits are written as 0: a nonzero XOR never has 0 of them.
        out.writeBits((0b11L << 11) | ((long) lead << 6) | (significant & 63), 13);
        out.writeBits(xor >>> trail, significant);
        storedLead = lead;
        storedTrail = trail;
      }
    }
  }

  @Override
  public void decode(BitReader in, int count, double[] dst, int dstFrom) {
    if (count == 0) {
      return;
    }
    long prev = in.readBits(64);
    dst[dstFrom] = Double.longBitsToDouble(prev);
    int storedLead = 0;
    int storedTrail = 0;
    int windowBits = 64;
    for (int i = dstFrom + 1, end = dstFrom + count; i < end; i++) {
      if (in.readBit()) {
        if (in.readBit()) {
          int header = (int) in.readBits(11);
          storedLead = header >>> 6;
          int significant = header & 63;
          if (significant == 0) {
            significant = 64;
          }
          storedTrail = 64 - storedLead - significant;
          if (storedTrail < 0) {
            throw new BitStreamException(
                "gorilla window of " + storedLead + "+" + significant + " bits exceeds 64");
          }
          windowBits = significant;
        }
        prev ^= in.readBits(windowBits) << storedTrail;
      }
      dst[i] = Double.longBitsToDouble(prev);
    }
  }
}
