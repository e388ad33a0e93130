package io.thermocline.timeseries.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.FormatVersionException;
import io.thermocline.common.format.FileFormat;
import io.thermocline.timeseries.TestSeeds;
import io.thermocline.timeseries.codec.CodecId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class SeriesBlockFormatTest {
  private static final byte[] KEY = "meter-17".getBytes(StandardCharsets.UTF_8);
  private static final long HOUR = 3_600_000_000L;

  private final long seed = TestSeeds.resolve("SeriesBlockFormatTest");
  private final Random rnd = new Random(seed);
  private final SeriesBlockWriter writer = new SeriesBlockWriter();

  @Test
  void equidistantBlockWithMissingElementsAndNullsRoundTrips() {
    SeriesBlock block = randomEquidistant(500, 0.1, 0.05);
    SeriesBlock read = SeriesBlockReader.read(writer.write(block), "b0");
    assertSameBlock(block, read);
  }

  @Test
  void irregularBlockRoundTrips() {
    int rows = 300;
    long[] ts = new long[rows];
    long t = 1_600_000_000_000_000L;
    for (int i = 0; i < rows; i++) {
      t += 1_000_000L + rnd.nextInt(5000);
      ts[i] = t;
    }
    SeriesBlock block =
        SeriesBlock.irregular(KEY, ts, rows, List.of(doubleColumn(rows, 0.1), longColumn(rows, 0)));
    byte[] bytes = writer.write(block);
    assertThat(writer.lastCodecs().get(0)).isEqualTo(CodecId.DELTA_OF_DELTA);
    assertSameBlock(block, SeriesBlockReader.read(bytes, "irregular"));
  }

  @Test
  void allMissingEmptyAndSinglePointBlocksRoundTrip() {
    long[] allMissing = NullBitmap.allocate(1000);
    for (int i = 0; i < 1000; i++) {
      NullBitmap.set(allMissing, i);
    }
    SeriesBlock none =
        SeriesBlock.equidistant(
            KEY,
            0,
            HOUR,
            1000,
            allMissing,
            List.of(SeriesColumn.ofDoubles(new double[0], 0, null)));
    byte[] bytes = writer.write(none);
    assertThat(bytes.length).as("an all-missing block is a header and two runs").isLessThan(110);
    assertSameBlock(none, SeriesBlockReader.read(bytes, "all missing"));

    SeriesBlock empty = SeriesBlock.equidistant(new byte[0], 5, 1, 0, null, List.of());
    assertSameBlock(empty, SeriesBlockReader.read(writer.write(empty), "empty"));

    SeriesBlock one =
        SeriesBlock.equidistant(
            KEY,
            -HOUR,
            HOUR,
            1,
            null,
            List.of(SeriesColumn.ofDoubles(new double[] {-0.0}, 1, null)));
    assertSameBlock(one, SeriesBlockReader.read(writer.write(one), "one"));
    SeriesBlock oneIrregular =
        SeriesBlock.irregular(
            KEY,
            new long[] {Long.MIN_VALUE},
            1,
            List.of(SeriesColumn.ofLongs(new long[] {7}, 1, null)));
    assertSameBlock(oneIrregular, SeriesBlockReader.read(writer.write(oneIrregular), "one"));
  }

  @Test
  void seededRandomBlocksRoundTrip() {
    int rounds = TestSeeds.longMode() ? 2000 : 60;
    for (int round = 0; round < rounds; round++) {
      SeriesBlock block =
          randomEquidistant(rnd.nextInt(3000), rnd.nextDouble() * 0.5, rnd.nextDouble() * 0.3);
      assertSameBlock(block, SeriesBlockReader.read(writer.write(block), "round " + round));
    }
  }

  @Test
  void equidistantTimestampsCostNothingAndDecimalsPickAlp() {
    int n = SeriesBlockFormat.DEFAULT_BLOCK_POINTS;
    double[] v = new double[n];
    long units = 10_132;
    for (int i = 0; i < n; i++) {
      units += rnd.nextInt(3) - 1;
      v[i] = units / 10.0;
    }
    SeriesBlock block =
        SeriesBlock.equidistant(KEY, 0, HOUR, n, null, List.of(SeriesColumn.ofDoubles(v, n, null)));
    byte[] bytes = writer.write(block);
    assertThat(writer.lastCodecs()).containsExactly(CodecId.ALP);
    assertThat((double) bytes.length / n)
        .as("a +-0.1 random walk needs about 2 bits a point (seed %d)", seed)
        .isLessThan(0.4);
  }

  @Test
  void everyFlippedByteIsDetected() {
    SeriesBlock block = randomEquidistant(200, 0.2, 0.1);
    byte[] good = writer.write(block);
    for (int i = 0; i < good.length; i++) {
      for (int mask : new int[] {0x01, 0x80, 0xFF, 1 + rnd.nextInt(255)}) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) mask;
        int at = i;
        assertThatThrownBy(() -> SeriesBlockReader.read(bad, "blocks.ts#3"))
            .as("byte %d of %d flipped with %x (seed %d)", at, good.length, mask, seed)
            .isInstanceOf(CorruptFileException.class)
            .hasMessageContaining("blocks.ts#3")
            .hasMessageContaining("offset=");
      }
    }
  }

  @Test
  void everyTruncationIsDetected() {
    byte[] good = writer.write(randomEquidistant(150, 0.1, 0.1));
    for (int len = 0; len < good.length; len++) {
      byte[] cut = Arrays.copyOf(good, len);
      assertThatThrownBy(() -> SeriesBlockReader.read(cut, "cut"))
          .as("cut to %d of %d bytes", cut.length, good.length)
          .isInstanceOf(CorruptFileException.class);
    }
  }

  @Test
  void errorsNameTheBlockAndTheOffsetInIt() {
    byte[] good = writer.write(randomEquidistant(100, 0, 0));
    byte[] file = new byte[good.length + 1000];
    System.arraycopy(good, 0, file, 1000, good.length);
    assertSameBlock(
        SeriesBlockReader.read(good, "f"), SeriesBlockReader.read(file, 1000, good.length, "f"));
    file[1000 + good.length - 1] ^= 1;
    assertThatThrownBy(
            () -> SeriesBlockReader.read(file, 1000, good.length, "series.tsb@1000 key meter-17"))
        .isInstanceOfSatisfying(
            CorruptFileException.class,
            e -> {
              assertThat(e.file()).isEqualTo("series.tsb@1000 key meter-17");
              assertThat(e.offset()).isEqualTo(good.length - FileFormat.FOOTER_LENGTH);
              assertThat(e.getMessage()).contains("checksum");
            });
  }

  @Test
  void aBlockOfAnotherFormatIsNotParsed() {
    byte[] other;
    try {
      other = FileFormat.of("checkpoint", 1, 1).encode(out -> out.writeBytes(new byte[40]));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> SeriesBlockReader.read(other, "not a block"))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("checkpoint");
  }

  @Test
  void otherVersionsWithValidChecksumsAreRefusedByVersion() {
    byte[] good = writer.write(randomEquidistant(50, 0, 0));
    byte[] newer = withVersion(good, SeriesBlockFormat.CURRENT_VERSION + 1);
    assertThatThrownBy(() -> SeriesBlockReader.read(newer, "newer"))
        .isInstanceOfSatisfying(
            FormatVersionException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.FORMAT_TOO_NEW);
              assertThat(e.getMessage()).contains("newer").contains("series block");
            });
    byte[] older = withVersion(good, SeriesBlockFormat.MIN_READABLE_VERSION - 1);
    assertThatThrownBy(() -> SeriesBlockReader.read(older, "older"))
        .isInstanceOfSatisfying(
            FormatVersionException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORMAT_TOO_OLD));
  }

  @Test
  void versionOneBlocksStayReadable() {
    // Codecs of version 1 write the same bytes in version 2, so a version 1 block is a current
    // block of old codecs with the old version number.
    SeriesBlock block = randomEquidistant(400, 0.1, 0.05);
    byte[] bytes = writer.write(block);
    assertThat(writer.lastCodecs()).doesNotContain(CodecId.SEASONAL_HUFFMAN);
    byte[] v1 = withVersion(bytes, SeriesBlockFormat.VERSION_START);
    assertSameBlock(block, SeriesBlockReader.read(v1, "version 1"));
    assertThat(SeriesBlockFormat.MIN_READABLE_VERSION).isEqualTo(SeriesBlockFormat.VERSION_START);
  }

  @Test
  void nonsenseWithAValidChecksumIsCorruptNotData() {
    byte[] good = writer.write(randomEquidistant(300, 0.1, 0.1));
    // Past the fixed header every byte is structure or payload; garbage there must never decode.
    int headerEnd = SeriesBlockFormat.FORMAT.headerLength() + 2 + 4 + KEY.length + 8 + 8 + 4;
    for (int i = headerEnd; i < good.length - FileFormat.FOOTER_LENGTH; i++) {
      byte[] bad = good.clone();
      bad[i] ^= (byte) (1 + rnd.nextInt(255));
      resealChecksum(bad);
      try {
        SeriesBlock decoded = SeriesBlockReader.read(bad, "resealed");
        // A flip inside a payload can decode to other values; a structural flip must not pass.
        assertThat(decoded.rows()).isLessThanOrEqualTo(decoded.count());
      } catch (CorruptFileException expected) {
        assertThat(expected.getMessage()).contains("resealed");
      }
    }
  }

  @Test
  void blocksRefuseInconsistentShapes() {
    SeriesColumn three = SeriesColumn.ofLongs(new long[] {1, 2, 3}, 3, null);
    assertThatThrownBy(() -> SeriesBlock.equidistant(KEY, 0, HOUR, 4, null, List.of(three)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 rows");
    assertThatThrownBy(() -> SeriesBlock.equidistant(KEY, 0, 0, 3, null, List.of(three)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("increment");
    assertThatThrownBy(
            () -> SeriesBlock.equidistant(KEY, Long.MAX_VALUE - 5, 3, 3, null, List.of(three)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflows");
    assertThatThrownBy(() -> SeriesColumn.ofDoubles(new double[2], 3, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] withVersion(byte[] block, int version) {
    byte[] b = block.clone();
    int at = SeriesBlockFormat.FORMAT.headerLength() - 4;
    b[at] = (byte) (version >>> 24);
    b[at + 1] = (byte) (version >>> 16);
    b[at + 2] = (byte) (version >>> 8);
    b[at + 3] = (byte) version;
    resealChecksum(b);
    return b;
  }

  private static void resealChecksum(byte[] b) {
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - 4);
    int v = (int) crc.getValue();
    b[b.length - 4] = (byte) (v >>> 24);
    b[b.length - 3] = (byte) (v >>> 16);
    b[b.length - 2] = (byte) (v >>> 8);
    b[b.length - 1] = (byte) v;
  }

  private SeriesBlock randomEquidistant(int count, double missingRate, double nullRate) {
    long[] missing = null;
    if (missingRate > 0) {
      missing = NullBitmap.allocate(count);
      for (int i = 0; i < count; i++) {
        if (rnd.nextDouble() < missingRate) {
          NullBitmap.set(missing, i);
        }
      }
    }
    int rows = missing == null ? count : count - NullBitmap.cardinality(missing, count);
    List<SeriesColumn> columns = new ArrayList<>();
    columns.add(doubleColumn(rows, nullRate));
    columns.add(longColumn(rows, nullRate));
    return SeriesBlock.equidistant(KEY, 1_700_000_000_000_000L, HOUR, count, missing, columns);
  }

  private SeriesColumn doubleColumn(int rows, double nullRate) {
    double[] v = new double[rows];
    long[] nulls = nullRate > 0 ? NullBitmap.allocate(rows) : null;
    long units = rnd.nextInt(20000);
    for (int i = 0; i < rows; i++) {
      units += rnd.nextInt(7) - 3;
      v[i] = rnd.nextInt(100) == 0 ? Double.NaN : units / 10.0;
      if (nulls != null && rnd.nextDouble() < nullRate) {
        NullBitmap.set(nulls, i);
        v[i] = 0.0;
      }
    }
    return SeriesColumn.ofDoubles(v, rows, nulls);
  }

  private SeriesColumn longColumn(int rows, double nullRate) {
    long[] v = new long[rows];
    long[] nulls = nullRate > 0 ? NullBitmap.allocate(rows) : null;
    for (int i = 0; i < rows; i++) {
      v[i] = i % 50 < 40 ? 3 : rnd.nextLong();
      if (nulls != null && rnd.nextDouble() < nullRate) {
        NullBitmap.set(nulls, i);
        v[i] = 0;
      }
    }
    return SeriesColumn.ofLongs(v, rows, nulls);
  }

  private void assertSameBlock(SeriesBlock want, SeriesBlock got) {
    String why = "seed " + seed + " (replay with -Dthermo.seed=" + seed + ")";
    assertThat(got.seriesKey()).as(why).isEqualTo(want.seriesKey());
    assertThat(got.isEquidistant()).as(why).isEqualTo(want.isEquidistant());
    assertThat(got.start()).as(why).isEqualTo(want.start());
    assertThat(got.increment()).as(why).isEqualTo(want.increment());
    assertThat(got.count()).as(why).isEqualTo(want.count());
    assertThat(got.rows()).as(why).isEqualTo(want.rows());
    for (int i = 0; i < want.count(); i++) {
      assertThat(got.isMissing(i)).as("position %d, %s", i, why).isEqualTo(want.isMissing(i));
    }
    assertThat(got.timestamps()).as(why).isEqualTo(Arrays.copyOf(want.timestamps(), want.rows()));
    assertThat(got.columns()).as(why).hasSameSizeAs(want.columns());
    for (int c = 0; c < want.columns().size(); c++) {
      SeriesColumn w = want.columns().get(c);
      SeriesColumn g = got.columns().get(c);
      assertThat(g.isDouble()).isEqualTo(w.isDouble());
      for (int r = 0; r < want.rows(); r++) {
        assertThat(g.isNull(r)).as("column %d row %d null, %s", c, r, why).isEqualTo(w.isNull(r));
        if (w.isNull(r)) {
          continue;
        }
        long wantBits = w.isDouble() ? Double.doubleToRawLongBits(w.doubles()[r]) : w.longs()[r];
        long gotBits = g.isDouble() ? Double.doubleToRawLongBits(g.doubles()[r]) : g.longs()[r];
        assertThat(gotBits).as("column %d row %d, %s", c, r, why).isEqualTo(wantBits);
      }
    }
  }
}
