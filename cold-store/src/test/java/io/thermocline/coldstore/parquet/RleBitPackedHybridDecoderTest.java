package io.thermocline.coldstore.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.testkit.TestSeed;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@link RleBitPackedHybridDecoder} against parquet's own decoder on streams parquet's encoder
 * wrote: every bit width 0..32, random values, long runs, a single value, runs mixed with
 * bit-packed stretches, lengths that are not multiples of 8, and decoding fewer values than the
 * stream holds. Prints its seed; {@code -Dthermo.seed=N} replays it.
 */
class RleBitPackedHybridDecoderTest {
  private enum Shape {
    RANDOM,
    LONG_RUNS,
    SINGLE_VALUE,
    MIXED,
    ONE
  }

  @Test
  void matchesParquetOnEveryBitWidthAndShape(TestInfo info) throws Exception {
    long seed = TestSeed.resolve("RleBitPackedHybridDecoderTest." + info.getDisplayName());
    Random random = new Random(seed);
    int cases = 0;
    for (int width = 0; width <= 32; width++) {
      for (Shape shape : Shape.values()) {
        int count = shape == Shape.ONE ? 1 : 1 + random.nextInt(3_000);
        int[] values = values(random, shape, width, count);
        byte[] encoded = encode(width, values);
        String ctx = "[seed=" + seed + "] width " + width + " " + shape + " of " + count;
        assertThat(decode(encoded, width, count)).as(ctx).isEqualTo(parquet(encoded, width, count));
        assertThat(decode(encoded, width, count)).as(ctx).isEqualTo(values);
        int fewer = random.nextInt(count + 1);
        int[] prefix = decode(encoded, width, fewer);
        for (int i = 0; i < fewer; i++) {
          assertThat(prefix[i]).as("%s, prefix of %d at %d", ctx, fewer, i).isEqualTo(values[i]);
        }
        cases++;
      }
    }
    assertThat(cases).isEqualTo(33 * Shape.values().length);
  }

  @Test
  void decodesAtAnOffsetInsideALargerBuffer() throws Exception {
    int[] values = {3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 2, 0, 3, 2, 1, 0, 1};
    byte[] encoded = encode(2, values);
    byte[] padded = new byte[encoded.length + 10];
    System.arraycopy(encoded, 0, padded, 7, encoded.length);
    int[] out = new int[values.length + 8];
    new RleBitPackedHybridDecoder(padded, 7, 7 + encoded.length, 2).decode(out, values.length);
    for (int i = 0; i < values.length; i++) {
      assertThat(out[i]).as("value %d", i).isEqualTo(values[i]);
    }
  }

  @Test
  void refusesAStreamThatEndsBeforeItsValues() throws Exception {
    byte[] encoded = encode(5, new int[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7});
    int[] out = new int[40];
    assertThatThrownBy(
            () -> new RleBitPackedHybridDecoder(encoded, 0, encoded.length, 5).decode(out, 30))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessageContaining("ends");
  }

  private static int[] values(Random random, Shape shape, int width, int count) {
    long bound = 1L << width;
    int[] v = new int[count];
    int constant = (int) (random.nextLong() & (bound - 1));
    int i = 0;
    while (i < count) {
      int run =
          switch (shape) {
            case RANDOM, ONE -> 1;
            case LONG_RUNS -> 50 + random.nextInt(2_000);
            case SINGLE_VALUE -> count;
            case MIXED -> random.nextBoolean() ? 1 + random.nextInt(20) : 1;
          };
      int value = shape == Shape.SINGLE_VALUE ? constant : (int) (random.nextLong() & (bound - 1));
      for (int k = 0; k < run && i < count; k++) {
        v[i++] = value;
      }
    }
    return v;
  }

  @SuppressWarnings("deprecation")
  private static byte[] encode(int width, int[] values) throws Exception {
    try (RunLengthBitPackingHybridEncoder e =
        new RunLengthBitPackingHybridEncoder(
            width, 64, 1 << 20, HeapByteBufferAllocator.getInstance())) {
      for (int v : values) {
        e.writeInt(v);
      }
      return e.toBytes().toByteArray();
    }
  }

  private static int[] decode(byte[] encoded, int width, int count) {
    int[] out = new int[count + 8];
    // Garbage, as in the decoders' reused arrays: every slot must be written.
    Arrays.fill(out, 0x5A5A5A5A);
    new RleBitPackedHybridDecoder(encoded, 0, encoded.length, width).decode(out, count);
    int[] exact = new int[count];
    System.arraycopy(out, 0, exact, 0, count);
    return exact;
  }

  private static int[] parquet(byte[] encoded, int width, int count) throws Exception {
    RunLengthBitPackingHybridDecoder d =
        new RunLengthBitPackingHybridDecoder(
            width, ByteBufferInputStream.wrap(ByteBuffer.wrap(encoded)));
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = d.readInt();
    }
    return out;
  }
}
