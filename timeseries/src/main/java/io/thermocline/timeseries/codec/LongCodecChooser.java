package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitWriter;

/**
 * Encodes a block of longs with every candidate codec that accepts it and keeps the smallest
 * encoding. Trial encoding is exact where an estimate would guess; it costs a few passes over a
 * block that is in cache anyway, and a candidate whose {@link LongCodec#minimumBits lower bound}
 * cannot beat the best so far is skipped.
 *
 * <p>Single-threaded: holds two scratch writers reused across blocks. Use one per encoding thread.
 */
public final class LongCodecChooser {
  private final SmallestEncoding<LongCodec> smallest;

  public LongCodecChooser() {
    this(Codecs.longCandidates());
  }

  public LongCodecChooser(LongCodec... candidates) {
    this.smallest = new SmallestEncoding<>(candidates);
  }

  /**
   * Appends the smallest encoding of {@code values[from, from + count)} to {@code out} and returns
   * the codec that made it (ties go to the earlier candidate).
   */
  public LongCodec encode(long[] values, int from, int count, BitWriter out) {
    LongCodec winner =
        smallest.choose(
            c -> c.canEncode(values, from, count),
            c -> c.minimumBits(values, from, count),
            (c, trial) -> c.encode(values, from, count, trial),
            out);
    if (winner == null) {
      throw new IllegalArgumentException("no candidate codec accepts these values");
    }
    return winner;
  }
}
