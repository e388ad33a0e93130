package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitWriter;

/** Runs the double chooser through the codec contract: the winner's id, then its bits. */
final class ChosenDoubleCodec implements DoubleCodec {
  private final DoubleCodecChooser chooser = new DoubleCodecChooser();

  @Override
  public CodecId id() {
    return CodecId.PLAIN_DOUBLE;
  }

  @Override
  public void encode(double[] values, int from, int count, BitWriter out) {
    BitWriter body = new BitWriter();
    DoubleCodec winner = chooser.encode(values, from, count, body);
    out.writeBits(winner.id().id(), 8);
    out.append(body);
  }

  @Override
  public void decode(BitReader in, int count, double[] dst, int dstFrom) {
    Codecs.doubleCodec(CodecId.byId((int) in.readBits(8))).decode(in, count, dst, dstFrom);
  }
}
