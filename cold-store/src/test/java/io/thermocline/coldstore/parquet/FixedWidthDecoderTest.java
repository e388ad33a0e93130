package io.thermocline.coldstore.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.testkit.TestSeed;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesReaderForDouble;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesReaderForInteger;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesReaderForLong;
import org.apache.parquet.column.values.bytestreamsplit.ByteStreamSplitValuesWriter;
import org.apache.parquet.column.values.plain.BooleanPlainValuesReader;
import org.apache.parquet.column.values.plain.BooleanPlainValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesReader;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@link FixedWidthDecoder} against parquet's PLAIN and BYTE_STREAM_SPLIT readers on pages
 * parquet's writers produced: INT32 (negative values sign-extend), INT64, DOUBLE (NaN, infinities,
 * -0.0 bit for bit), BOOLEAN, at lengths 1 to a few thousand, constant and random. Prints its seed;
 * {@code -Dthermo.seed=N} replays it.
 */
class FixedWidthDecoderTest {
  private static final ByteBufferAllocator HEAP = HeapByteBufferAllocator.getInstance();
  private static final int[] COUNTS = {1, 7, 8, 9, 64, 1_000, 4_099};

  @Test
  void plainMatchesParquet(TestInfo info) throws Exception {
    long seed = TestSeed.resolve("FixedWidthDecoderTest." + info.getDisplayName());
    Random random = new Random(seed);
    for (int count : COUNTS) {
      String ctx = "[seed=" + seed + "] " + count + " values";
      long[] wide = longs(random, count);
      double[] d = doubles(random, count);

      PlainValuesWriter ints = new PlainValuesWriter(64, 1 << 20, HEAP);
      PlainValuesWriter longs = new PlainValuesWriter(64, 1 << 20, HEAP);
      PlainValuesWriter dbls = new PlainValuesWriter(64, 1 << 20, HEAP);
      BooleanPlainValuesWriter bools = new BooleanPlainValuesWriter();
      for (int i = 0; i < count; i++) {
        ints.writeInteger((int) wide[i]);
        longs.writeLong(wide[i]);
        dbls.writeDouble(d[i]);
        bools.writeBoolean((wide[i] & 1) != 0);
      }
      long[] out = new long[count];
      byte[] page = bytes(ints);
      FixedWidthDecoder.plainInt32(page, 0, page.length, out, count);
      ValuesReader r = read(new PlainValuesReader.IntegerPlainValuesReader(), page, count);
      for (int i = 0; i < count; i++) {
        assertThat(out[i]).as("%s INT32 at %d", ctx, i).isEqualTo(r.readInteger());
      }
      page = bytes(longs);
      FixedWidthDecoder.plainInt64(page, 0, page.length, out, count);
      r = read(new PlainValuesReader.LongPlainValuesReader(), page, count);
      for (int i = 0; i < count; i++) {
        assertThat(out[i]).as("%s INT64 at %d", ctx, i).isEqualTo(r.readLong());
      }
      page = bytes(bools);
      FixedWidthDecoder.plainBoolean(page, 0, page.length, out, count);
      r = read(new BooleanPlainValuesReader(), page, count);
      for (int i = 0; i < count; i++) {
        assertThat(out[i]).as("%s BOOLEAN at %d", ctx, i).isEqualTo(r.readBoolean() ? 1L : 0L);
      }
      double[] outD = new double[count];
      page = bytes(dbls);
      FixedWidthDecoder.plainDouble(page, 0, page.length, outD, count);
      r = read(new PlainValuesReader.DoublePlainValuesReader(), page, count);
      for (int i = 0; i < count; i++) {
        assertThat(Double.doubleToRawLongBits(outD[i]))
            .as("%s DOUBLE at %d", ctx, i)
            .isEqualTo(Double.doubleToRawLongBits(r.readDouble()));
      }
    }
  }

  @Test
  void byteStreamSplitMatchesParquet(TestInfo info) throws Exception {
    long seed = TestSeed.resolve("FixedWidthDecoderTest." + info.getDisplayName());
    Random random = new Random(seed);
    for (int count : COUNTS) {
      String ctx = "[seed=" + seed + "] " + count + " values";
      long[] wide = longs(random, count);
      double[] d = doubles(random, count);
      ValuesWriter ints =
          new ByteStreamSplitValuesWriter.IntegerByteStreamSplitValuesWriter(64, 1 << 20, HEAP);
      ValuesWriter longs =
          new ByteStreamSplitValuesWriter.LongByteStreamSplitValuesWriter(64, 1 << 20, HEAP);
      ValuesWriter dbls =
          new ByteStreamSplitValuesWriter.DoubleByteStreamSplitValuesWriter(64, 1 << 20, HEAP);
      for (int i = 0; i < count; i++) {
        ints.writeInteger((int) wide[i]);
        longs.writeLong(wide[i]);
        dbls.writeDouble(d[i]);
      }
      long[] out = new long[count];
      byte[] page = bytes(ints);
      FixedWidthDecoder.splitIntegers(page, 0, page.length, 4, out, count);
      ValuesReader r = read(new ByteStreamSplitValuesReaderForInteger(), page, count);
      for (int i = 0; i < count; i++) {
        assertThat(out[i]).as("%s INT32 at %d", ctx, i).isEqualTo(r.readInteger());
      }
      page = bytes(longs);
      FixedWidthDecoder.splitIntegers(page, 0, page.length, 8, out, count);
      r = read(new ByteStreamSplitValuesReaderForLong(), page, count);
      for (int i = 0; i < count; i++) {
        assertThat(out[i]).as("%s INT64 at %d", ctx, i).isEqualTo(r.readLong());
      }
      double[] outD = new double[count];
      page = bytes(dbls);
      FixedWidthDecoder.splitDouble(page, 0, page.length, outD, count);
      r = read(new ByteStreamSplitValuesReaderForDouble(), page, count);
      for (int i = 0; i < count; i++) {
        assertThat(Double.doubleToRawLongBits(outD[i]))
            .as("%s DOUBLE at %d", ctx, i)
            .isEqualTo(Double.doubleToRawLongBits(r.readDouble()));
      }
    }
  }

  @Test
  void refusesPagesTooShortOrOfTheWrongSplitLength() {
    assertThatThrownBy(() -> FixedWidthDecoder.plainInt64(new byte[15], 0, 15, new long[2], 2))
        .isInstanceOf(ParquetDecodingException.class);
    assertThatThrownBy(() -> FixedWidthDecoder.splitDouble(new byte[24], 0, 24, new double[2], 2))
        .isInstanceOf(ParquetDecodingException.class);
  }

  private static long[] longs(Random random, int count) {
    boolean constant = random.nextInt(4) == 0;
    long c = random.nextLong();
    long[] v = new long[count];
    for (int i = 0; i < count; i++) {
      v[i] = constant ? c : random.nextLong() >> random.nextInt(64);
    }
    return v;
  }

  private static double[] doubles(Random random, int count) {
    double[] special = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, -1e308, Double.MIN_VALUE};
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] =
          random.nextInt(10) == 0
              ? special[random.nextInt(special.length)]
              : random.nextGaussian() * 1e6;
    }
    return v;
  }

  @SuppressWarnings("deprecation")
  private static byte[] bytes(ValuesWriter w) throws Exception {
    byte[] b = w.getBytes().toByteArray();
    w.close();
    return b;
  }

  private static ValuesReader read(ValuesReader r, byte[] page, int count) throws Exception {
    r.initFromPage(count, ByteBufferInputStream.wrap(ByteBuffer.wrap(page)));
    return r;
  }
}
