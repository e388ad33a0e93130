package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitWriter;

/** A codec for 64-bit integers (timestamps, integers, scaled decimals). Stateless, thread-safe. */
public interface LongCodec extends Codec {

  /**
   * Whether this codec can represent {@code values[from, from + count)}. Most can encode anything;
   * a codec for special shapes (an arithmetic progression) says no to the rest.
   */
  default boolean canEncode(long[] values, int from, int count) {
    return true;
  }

  /**
   * A lower bound on the bits {@link #encode} would write, cheaper than encoding: the chooser skips
   * a codec whose bound already exceeds the best encoding so far. Must never exceed the real size.
   */
  default long minimumBits(long[] values, int from, int count) {
    return 0;
  }

  /**
   * Appends the encoding of {@code values[from, from + count)} to {@code out}.
   *
   * @throws IllegalArgumentException if {@link #canEncode} is false for these values
   */
  void encode(long[] values, int from, int count, BitWriter out);

  /** Reads {@code count} values that {@link #encode} wrote into {@code dst[dstFrom, ...)}. */
  void decode(BitReader in, int count, long[] dst, int dstFrom);
}
