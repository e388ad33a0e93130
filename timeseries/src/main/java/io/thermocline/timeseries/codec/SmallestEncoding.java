package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitWriter;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The choice both choosers make, whatever the value type: encode a block with every candidate that
 * accepts it, skip one whose lower bound cannot beat the best encoding so far, keep the smallest
 * (ties go to the earlier candidate). Each trial is written into a scratch writer that changes
 * places with the best one when it wins, so no bits are copied until the winner is appended.
 *
 * <p>Single-threaded: holds two writers reused across blocks; one per chooser.
 *
 * <p>The chooser passes the codec's calls on its block as functions, so the values stay in their
 * primitive array: nothing is boxed, and the only allocations are those functions, once a block.
 *
 * @param <C> the codec type, {@link LongCodec} or {@link DoubleCodec}
 */
final class SmallestEncoding<C extends Codec> {
  private final C[] candidates;
  private BitWriter scratch = new BitWriter();
  private BitWriter best = new BitWriter();

  SmallestEncoding(C[] candidates) {
    if (candidates.length == 0) {
      throw new IllegalArgumentException("a chooser needs at least one codec");
    }
    this.candidates = candidates.clone();
  }

  /**
   * Appends the smallest encoding of the block to {@code out} and returns the codec that made it,
   * or null (and appends nothing) when no candidate accepts the block. The functions are the
   * codec's own calls on the block: whether it accepts it, a lower bound on its encoding's bits
   * (never above the real size), and the encoding itself.
   */
  C choose(
      Predicate<C> accepts,
      ToLongFunction<C> minimumBits,
      BiConsumer<C, BitWriter> encode,
      BitWriter out) {
    C winner = null;
    for (C c : candidates) {
      if (!accepts.test(c)) {
        continue;
      }
      // The bound is asked for only once there is a best to beat: it costs a pass of its own.
      if (winner != null && minimumBits.applyAsLong(c) >= best.bitLength()) {
        continue;
      }
      scratch.reset();
      encode.accept(c, scratch);
      if (winner == null || scratch.bitLength() < best.bitLength()) {
        BitWriter swap = best;
        best = scratch;
        scratch = swap;
        winner = c;
      }
    }
    if (winner != null) {
      out.append(best);
    }
    return winner;
  }
}
