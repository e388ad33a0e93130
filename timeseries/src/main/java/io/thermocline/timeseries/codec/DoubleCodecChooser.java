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
  private final DoubleCodec[] candidates;
  private BitWriter scratch = new BitWriter();
  private BitWriter best = new BitWriter();

  public DoubleCodecChooser() {
    this(Codecs.doubleCandidates());
  }

  public DoubleCodecChooser(DoubleCodec... candidates) {
    if (candidates.length == 0) {
      throw new IllegalArgumentException("a chooser needs at least one codec");
    }
    this.candidates = candidates.clone();
  }

  /**
   * Appends the smallest encoding of {@code values[from, from + count)} to {@code out} and returns
   * the codec that made it (ties go to the earlier candidate).
   */
  public DoubleCodec encode(double[] values, int from, int count, BitWriter out) {
    DoubleCodec winner = null;
    for (DoubleCodec c : candidates) {
      if (winner != null && c.minimumBits(values, from, count) >= best.bitLength()) {
        continue;
      }
      scratch.reset();
      c.encode(values, from, count, scratch);
      if (winner == null || scratch.bitLength() < best.bitLength()) {
        BitWriter swap = best;
        best = scratch;
        scratch = swap;
        winner = c;
      }
    }
    out.append(best);
    return winner;
  }
}
