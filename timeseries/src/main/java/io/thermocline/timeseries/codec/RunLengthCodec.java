package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitStreamException;
import io.thermocline.timeseries.bits.BitWriter;

/**
 * Run-length encoding: the number of runs (32 bits), the run values frame-of-reference packed, then
 * the run lengths minus one bit-packed at one width. Wins on long runs of equal values (status
 * codes, sensor values that hold still). Stateless.
 */
public final class RunLengthCodec implements LongCodec {
  public static final RunLengthCodec INSTANCE = new RunLengthCodec();

  private RunLengthCodec() {}

  @Override
  public CodecId id() {
    return CodecId.RUN_LENGTH;
  }

  @Override
  public void encode(long[] values, int from, int count, BitWriter out) {
    if (count == 0) {
      return;
    }
    int end = from + count;
    int runs = 1;
    for (int i = from + 1; i < end; i++) {
      if (values[i] != values[i - 1]) {
        runs++;
      }
    }
    long[] runValues = new long[runs];
    long[] runLengths = new long[runs];
    int r = 0;
    int runStart = from;
    long maxLength = 0;
    for (int i = from + 1; i <= end; i++) {
      if (i == end || values[i] != values[i - 1]) {
        runValues[r] = values[runStart];
        runLengths[r] = i - runStart - 1;
        maxLength = Math.max(maxLength, runLengths[r]);
        r++;
        runStart = i;
      }
    }
    out.writeBits(runs, 32);
    FrameOfReferenceCodec.INSTANCE.encode(runValues, 0, runs, out);
    int width = ZigZag.width(maxLength);
    out.writeBits(width, 6);
    out.writePacked(runLengths, 0, runs, width);
  }

  @Override
  public void decode(BitReader in, int count, long[] dst, int dstFrom) {
    if (count == 0) {
      return;
    }
    long runs = in.readBits(32);
    if (runs < 1 || runs > count) {
      throw new BitStreamException("run count " + runs + " impossible for " + count + " values");
    }
    long[] runValues = new long[(int) runs];
    FrameOfReferenceCodec.INSTANCE.decode(in, (int) runs, runValues, 0);
    int width = (int) in.readBits(6);
    if (width > 32) {
      throw new BitStreamException("run length width " + width + " exceeds 32");
    }
    int at = dstFrom;
    int end = dstFrom + count;
    for (int r = 0; r < runs; r++) {
      long length = in.readBits(width) + 1;
      if (length > end - at) {
        throw new BitStreamException("runs hold more than " + count + " values");
      }
      java.util.Arrays.fill(dst, at, at + (int) length, runValues[r]);
      at += (int) length;
    }
    if (at != end) {
      throw new BitStreamException("runs hold " + (at - dstFrom) + " values, expected " + count);
    }
  }
}
