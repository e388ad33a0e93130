package io.thermocline.coldstore.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.testkit.TestSeed;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesReader;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@link DeltaBinaryPackedDecoder} against parquet's reader on pages parquet's INT64 and INT32
 * writers produced: steady timestamps, constants, a single value, small and full-range deltas (so
 * miniblock bit widths from 0 to 64, and INT32 deltas that wrap), lengths around block and
 * miniblock boundaries, and non-default block layouts. Prints its seed; {@code -Dthermo.seed=N}
 * replays it.
 */
class DeltaBinaryPackedDecoderTest {
  private static final int[] COUNTS = {1, 2, 31, 32, 33, 127, 128, 129, 1_000, 4_097, 20_000};

  @Test
  void matchesParquetOnLongPages(TestInfo info) throws Exception {
    long seed = TestSeed.resolve("DeltaBinaryPackedDecoderTest." + info.getDisplayName());
    Random random = new Random(seed);
    for (int count : COUNTS) {
      for (int shape = 0; shape < 6; shape++) {
        long[] v = longs(random, shape, count);
        for (int layout = 0; layout < 2; layout++) {
          ValuesWriter w =
              layout == 0
                  ? new DeltaBinaryPackingValuesWriterForLong(
                      64, 1 << 20, HeapByteBufferAllocator.getInstance())
                  : new DeltaBinaryPackingValuesWriterForLong(
                      256, 8, 64, 1 << 20, HeapByteBufferAllocator.getInstance());
          for (long x : v) {
            w.writeLong(x);
          }
          byte[] page = bytes(w);
          String ctx = "[seed=" + seed + "] shape " + shape + " layout " + layout + " of " + count;
          long[] mine = new long[count];
          DeltaBinaryPackedDecoder.decode(page, 0, page.length, mine, count);
          DeltaBinaryPackingValuesReader r = reader(page, count);
          for (int i = 0; i < count; i++) {
            assertThat(mine[i]).as("%s at %d", ctx, i).isEqualTo(r.readLong()).isEqualTo(v[i]);
          }
        }
      }
    }
  }

  @Test
  void matchesParquetOnIntegerPages(TestInfo info) throws Exception {
    long seed = TestSeed.resolve("DeltaBinaryPackedDecoderTest." + info.getDisplayName());
    Random random = new Random(seed);
    for (int count : COUNTS) {
      for (int shape = 0; shape < 6; shape++) {
        long[] wide = longs(random, shape, count);
        ValuesWriter w =
            new DeltaBinaryPackingValuesWriterForInteger(
                64, 1 << 20, HeapByteBufferAllocator.getInstance());
        int[] v = new int[count];
        for (int i = 0; i < count; i++) {
          v[i] = (int) wide[i];
          w.writeInteger(v[i]);
        }
        byte[] page = bytes(w);
        String ctx = "[seed=" + seed + "] shape " + shape + " of " + count;
        long[] mine = new long[count];
        DeltaBinaryPackedDecoder.decode(page, 0, page.length, mine, count);
        DeltaBinaryPackingValuesReader r = reader(page, count);
        for (int i = 0; i < count; i++) {
          assertThat((int) mine[i])
              .as("%s at %d", ctx, i)
              .isEqualTo(r.readInteger())
              .isEqualTo(v[i]);
        }
      }
    }
  }

  @Test
  void refusesAPageWhoseCountDisagreesOrThatIsCutShort() throws Exception {
    ValuesWriter w =
        new DeltaBinaryPackingValuesWriterForLong(
            64, 1 << 20, HeapByteBufferAllocator.getInstance());
    for (int i = 0; i < 500; i++) {
      w.writeLong(i * 7_919L);
    }
    byte[] page = bytes(w);
    assertThatThrownBy(
            () -> DeltaBinaryPackedDecoder.decode(page, 0, page.length, new long[501], 501))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessageContaining("500");
    assertThatThrownBy(
            () -> DeltaBinaryPackedDecoder.decode(page, 0, page.length / 2, new long[500], 500))
        .isInstanceOf(ParquetDecodingException.class);
  }

  /** 0 steady timestamps, 1 constant, 2 small noise, 3 full range, 4 wide steps, 5 sawtooth. */
  private static long[] longs(Random random, int shape, int count) {
    long[] v = new long[count];
    long t = random.nextLong() >> 4;
    for (int i = 0; i < count; i++) {
      v[i] =
          switch (shape) {
            case 0 -> t + 900_000_000L * i;
            case 1 -> t;
            case 2 -> t + random.nextInt(100) - 50;
            case 3 -> random.nextLong();
            case 4 -> i == 0 ? t : v[i - 1] + (random.nextLong() >> random.nextInt(40));
            default -> (i % 300) * (long) Integer.MAX_VALUE;
          };
    }
    return v;
  }

  @SuppressWarnings("deprecation")
  private static byte[] bytes(ValuesWriter w) throws Exception {
    byte[] b = w.getBytes().toByteArray();
    w.close();
    return b;
  }

  private static DeltaBinaryPackingValuesReader reader(byte[] page, int count) throws Exception {
    DeltaBinaryPackingValuesReader r = new DeltaBinaryPackingValuesReader();
    r.initFromPage(count, ByteBufferInputStream.wrap(ByteBuffer.wrap(page)));
    return r;
  }
}
