package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitWriter;

/**
 * Encodes a block of doubles with every candidate codec and keeps the smallest encoding. A
 * candidate whose {@link DoubleCodec#minimumBits lower bound} cannot beat the best so far is
 * skipped, so the result is still the smallest.
 *
 * <p>Single-threaded: holds two scratch writers reused across blocks. Use one per encoding thread.
 */
public final class DoubleCodecChooser {
  private final SmallestEncoding<DoubleCodec> smallest;

  public DoubleCodecChooser() {
    this(Codecs.doubleCandidates());
  }

  public DoubleCodecChooser(DoubleCodec... candidates) {
    this.smallest = new SmallestEncoding<>(candidates);
  }

  /**
   * Appends the smallest encoding of {@code values[from, from + count)} to {@code out} and returns
   * the codec that made it (ties go to the earlier candidate).
   */
  public DoubleCodec encode(double[] values, int from, int count, BitWriter out) {
    return smallest.choose(
        c -> true,
        c -> c.minimumBits(values, from, count),
        (c, trial) -> c.encode(values, from, count, trial),
        out);
  }
}
