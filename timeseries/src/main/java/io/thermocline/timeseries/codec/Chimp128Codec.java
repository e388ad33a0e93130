package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitStreamException;
import io.thermocline.timeseries.bits.BitWriter;

/**
 * Chimp128 (Liakos, Papakonstantinopoulou, Kotidis, VLDB 2022): like Gorilla, but each value may
 * XOR with any of the previous {@value #WINDOW} values, picked through a hash of the low bits so
 * that the XOR has many trailing zeros, and leading zeros are rounded to one of eight counts (3
 * bits). Per value a 2-bit flag:
 *
 * <ul>
 *   <li>{@code 00} + 7-bit index: equal to that earlier value;
 *   <li>{@code 01} + index + 3-bit leading code + 6-bit length + the bits between leading and
 *       trailing zeros: XOR with that earlier value has more than {@value #THRESHOLD} trailing
 *       zeros;
 *   <li>{@code 10} + (64 - previous leading) bits: XOR with the previous value, same leading zeros;
 *   <li>{@code 11} + 3-bit leading code + (64 - leading) bits: XOR with the previous value.
 * </ul>
 *
 * <p>Stateless; the 128-value ring and the 16K-entry hash index are allocated per call.
 */
public final class Chimp128Codec implements DoubleCodec {
  public static final Chimp128Codec INSTANCE = new Chimp128Codec();

  static final int WINDOW = 128;
  private static final int WINDOW_MASK = WINDOW - 1;
  private static final int INDEX_BITS = 7;

  /** Trailing zeros an XOR needs to be worth the index bits: 6 plus log2 of the window. */
  static final int THRESHOLD = 6 + INDEX_BITS;

  private static final int HASH_MASK = (1 << (THRESHOLD + 1)) - 1;
  private static final int NO_LEADING = 65;

  private static final int[] LEADING_VALUE = {0, 8, 12, 16, 18, 20, 22, 24};
  private static final int[] LEADING_ROUNDED = new int[65];
  private static final int[] LEADING_CODE = new int[25];

  static {
    for (int code = 0; code < LEADING_VALUE.length; code++) {
      LEADING_CODE[LEADING_VALUE[code]] = code;
    }
    for (int lz = 0; lz <= 64; lz++) {
      int rounded = 0;
      for (int v : LEADING_VALUE) {
        if (v <= lz) {
          rounded = v;
        }
      }
      LEADING_ROUNDED[lz] = rounded;
    }
  }

  private Chimp128Codec() {}

  @Override
  public CodecId id() {
    return CodecId.CHIMP128;
  }

  /** The cheapest case, a repeat of an earlier value, still costs a flag and an index. */
  @Override
  public long minimumBits(double[] values, int from, int count) {
    return count == 0 ? 0 : 64 + (2L + INDEX_BITS) * (count - 1);
  }

  @Override
  public void encode(double[] values, int from, int count, BitWriter out) {
    if (count == 0) {
      return;
    }
    long[] ring = new long[WINDOW];
    int[] lastIndexOfLowBits = new int[HASH_MASK + 1];
    long first = Double.doubleToRawLongBits(values[from]);
    out.writeBits(first, 64);
    ring[0] = first;
    int index = 0;
    int storedLead = NO_LEADING;
    for (int i = from + 1, end = from + count; i < end; i++) {
      long v = Double.doubleToRawLongBits(values[i]);
      int key = (int) v & HASH_MASK;
      int refSlot = index & WINDOW_MASK;
      long xor = v ^ ring[refSlot];
      int candidate = lastIndexOfLowBits[key];
      if (index - candidate < WINDOW) {
        long candidateXor = v ^ ring[candidate & WINDOW_MASK];
        if (Long.numberOfTrailingZeros(candidateXor) > THRESHOLD) {
          refSlot = candidate & WINDOW_MASK;
          xor = candidateXor;
        }
      }
      if (xor == 0) {
        out.writeBits(refSlot, 2 + INDEX_BITS);
        storedLead = NO_LEADING;
      } else {
        int lead = LEADING_ROUNDED[Long.numberOfLeadingZeros(xor)];
        int trail = Long.numberOfTrailingZeros(xor);
        if (trail > THRESHOLD) {
          int significant = 64 - lead - trail;
          long header =
              (0b01L << 16) | ((long) refSlot << 9) | (LEADING_CODE[lead] << 6) | significant;
          out.writeBits(header, 18);
          out.writeBits(xor >>> trail, significant);
          storedLead = NO_LEADING;
        } else if (lead == storedLead) {
          out.writeBits(0b10, 2);
          out.writeBits(xor, 64 - lead);
        } else {
          storedLead = lead;
          out.writeBits((0b11 << 3) | LEADING_CODE[lead], 5);
          out.writeBits(xor, 64 - lead);
        }
      }
      index++;
      ring[index & WINDOW_MASK] = v;
      lastIndexOfLowBits[key] = index;
    }
  }

  @Override
  public void decode(BitReader in, int count, double[] dst, int dstFrom) {
    if (count == 0) {
      return;
    }
    long[] ring = new long[WINDOW];
    long v = in.readBits(64);
    ring[0] = v;
    dst[dstFrom] = Double.longBitsToDouble(v);
    int index = 0;
    int storedLead = NO_LEADING;
    for (int i = dstFrom + 1, end = dstFrom + count; i < end; i++) {
      int flag = (int) in.readBits(2);
      if (flag == 0) {
        v = ring[(int) in.readBits(INDEX_BITS)];
        storedLead = NO_LEADING;
      } else if (flag == 1) {
        int header = (int) in.readBits(16);
        int lead = LEADING_VALUE[(header >>> 6) & 7];
        int significant = header & 63;
        int trail = 64 - lead - significant;
        if (significant == 0 || trail <= THRESHOLD) {
          throw new BitStreamException(
              "chimp window of " + lead + "+" + significant + " bits is not a valid XOR");
        }
        v = ring[header >>> 9] ^ (in.readBits(significant) << trail);
        storedLead = NO_LEADING;
      } else {
        if (flag == 3) {
          storedLead = LEADING_VALUE[(int) in.readBits(3)];
        } else if (storedLead == NO_LEADING) {
          throw new BitStreamException("chimp reuses a leading-zero count it never set");
        }
        v = ring[index & WINDOW_MASK] ^ in.readBits(64 - storedLead);
      }
      index++;
      ring[index & WINDOW_MASK] = v;
      dst[i] = Double.longBitsToDouble(v);
    }
  }
}
