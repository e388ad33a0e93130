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
  private final LongCodec[] candidates;
  private BitWriter scratch = new BitWriter();
  private BitWriter best = new BitWriter();

  public LongCodecChooser() {
    this(Codecs.longCandidates());
  }

  public LongCodecChooser(LongCodec... candidates) {
    if (candidates.length == 0) {
      throw new IllegalArgumentException("a chooser needs at least one codec");
    }
    this.candidates = candidates.clone();
  }

  /**
   * Appends the smallest encoding of {@code values[from, from + count)} to {@code out} and returns
   * the codec that made it (ties go to the earlier candidate).
   */
  public LongCodec encode(long[] values, int from, int count, BitWriter out) {
    LongCodec winner = null;
    for (LongCodec c : candidates) {
      if (!c.canEncode(values, from, count)) {
        continue;
      }
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
    if (winner == null) {
      throw new IllegalArgumentException("no candidate codec accepts these values");
    }
    out.append(best);
    return winner;
  }
}
