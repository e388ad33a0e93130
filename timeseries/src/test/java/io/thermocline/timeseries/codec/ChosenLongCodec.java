package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitWriter;

/** Runs the long chooser through the codec contract: the winner's id, then its bits. */
final class ChosenLongCodec implements LongCodec {
  private final LongCodecChooser chooser = new LongCodecChooser();

  @Override
  public CodecId id() {
    return CodecId.PLAIN_LONG;
  }

  @Override
  public void encode(long[] values, int from, int count, BitWriter out) {
    BitWriter body = new BitWriter();
    LongCodec winner = chooser.encode(values, from, count, body);
    out.writeBits(winner.id().id(), 8);
    out.append(body);
  }

  @Override
  public void decode(BitReader in, int count, long[] dst, int dstFrom) {
    Codecs.longCodec(CodecId.byId((int) in.readBits(8))).decode(in, count, dst, dstFrom);
  }
}
