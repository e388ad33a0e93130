package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitWriter;

/**
 * A codec for doubles. Every implementation is lossless down to the bit: decoded values have the
 * same {@link Double#doubleToRawLongBits} as the input, NaN payloads and the sign of zero included.
 * Stateless, thread-safe.
 */
public interface DoubleCodec extends Codec {

  /**
   * A lower bound on the bits {@link #encode} would write, cheaper than encoding: the chooser skips
   * a codec whose bound already exceeds the best encoding so far. Must never exceed the real size.
   */
  default long minimumBits(double[] values, int from, int count) {
    return 0;
  }

  /** Appends the encoding of {@code values[from, from + count)} to {@code out}. */
  void encode(double[] values, int from, int count, BitWriter out);

  /** Reads {@code count} values that {@link #encode} wrote into {@code dst[dstFrom, ...)}. */
  void decode(BitReader in, int count, double[] dst, int dstFrom);
}
