package io.thermocline.timeseries.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.timeseries.TestSeeds;
import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitWriter;
import io.thermocline.timeseries.codec.CodecId;
import io.thermocline.timeseries.codec.Codecs;
import io.thermocline.timeseries.codec.DoubleCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A quick measurement, not the bench: bytes per point of series blocks (codec chosen per block) on
 * the real weather columns and on a one-decimal random walk, next to each double codec alone, and
 * encode/decode speed. Prints its table; asserts only that every column round-trips bit for bit and
 * that the chosen encoding is no larger than any single codec's.
 */
class CompressionMeasurementTest {
  private static final long HOUR = 3_600_000_000L;
  private static final long DAY = 24 * HOUR;
  private static final int BLOCK = SeriesBlockFormat.DEFAULT_BLOCK_POINTS;

  @Test
  void weatherColumnsAndRandomWalk() throws IOException {
    Map<String, double[]> columns = new LinkedHashMap<>();
    Path hourly = sharedData("seattle-weather-hourly-normals.csv");
    Path daily = sharedData("seattle-weather.csv");
    for (String c : new String[] {"pressure", "temperature", "wind"}) {
      columns.put("hourly " + c, csvColumn(hourly, c));
    }
    for (String c : new String[] {"precipitation", "temp_max", "temp_min", "wind"}) {
      columns.put("daily " + c, csvColumn(daily, c));
    }
    long seed = TestSeeds.resolve("CompressionMeasurementTest");
    columns.put("random walk 1M, 1 decimal", randomWalk(new Random(seed), 1_000_000));

    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%-28s %9s %8s %8s %8s %8s  %s%n",
            "column",
            "points",
            "block",
            "ALP",
            "Gorilla",
            "Chimp128",
            "chosen codecs"));
    long totalBytes = 0;
    long totalPoints = 0;
    for (Map.Entry<String, double[]> e : columns.entrySet()) {
      double[] v = e.getValue();
      long step = e.getKey().startsWith("hourly") ? HOUR : DAY;
      SeriesBlockWriter writer = new SeriesBlockWriter();
      List<byte[]> blocks = writeBlocks(writer, v, step);
      List<String> chosen = new ArrayList<>();
      long bytes = 0;
      int at = 0;
      for (byte[] b : blocks) {
        bytes += b.length;
        SeriesBlock read = SeriesBlockReader.read(b, e.getKey());
        double[] got = read.columns().get(0).doubles();
        for (int i = 0; i < read.rows(); i++, at++) {
          assertThat(Double.doubleToRawLongBits(got[i]))
              .as("%s point %d", e.getKey(), at)
              .isEqualTo(Double.doubleToRawLongBits(v[at]));
        }
      }
      writer.write(block(v, 0, Math.min(BLOCK, v.length), step));
      chosen.add(writer.lastCodecs().toString());
      if (!e.getKey().startsWith("random")) {
        totalBytes += bytes;
        totalPoints += v.length;
      }
      double alp = codecOnly(v, Codecs.doubleCodec(CodecId.ALP));
      double gorilla = codecOnly(v, Codecs.doubleCodec(CodecId.GORILLA));
      double chimp = codecOnly(v, Codecs.doubleCodec(CodecId.CHIMP128));
      double perPoint = (double) bytes / v.length;
      table.append(
          String.format(
              Locale.ROOT,
              "%-28s %9d %8.3f %8.3f %8.3f %8.3f  %s%n",
              e.getKey(),
              v.length,
              perPoint,
              alp,
              gorilla,
              chimp,
              chosen));
      // A block adds framing (header, key, grid, bitmaps, codec ids, footer: under 96 bytes).
      double header = 96.0 * blocks.size() / v.length;
      assertThat(perPoint).isLessThanOrEqualTo(Math.min(alp, Math.min(gorilla, chimp)) + header);
    }
    table.append(
        String.format(
            Locale.ROOT,
            "all real columns: %.3f bytes/point; 16-byte rows / blocks = %.1fx, 8-byte columns /"
                + " blocks = %.1fx%n",
            (double) totalBytes / totalPoints,
            16.0 * totalPoints / totalBytes,
            8.0 * totalPoints / totalBytes));
    table.append(speed(columns.get("random walk 1M, 1 decimal")));
    for (CodecId id : new CodecId[] {CodecId.ALP, CodecId.GORILLA, CodecId.CHIMP128}) {
      table.append(codecSpeed(columns.get("random walk 1M, 1 decimal"), Codecs.doubleCodec(id)));
    }
    System.out.print(table);
  }

  private static String speed(double[] v) {
    long bestEncode = Long.MAX_VALUE;
    long bestDecode = Long.MAX_VALUE;
    long bestAlpEncode = Long.MAX_VALUE;
    long bestAlpDecode = Long.MAX_VALUE;
    DoubleCodec alp = Codecs.doubleCodec(CodecId.ALP);
    double[] dst = new double[BLOCK];
    long sink = 0;
    for (int round = 0; round < 5; round++) {
      SeriesBlockWriter writer = new SeriesBlockWriter();
      long t0 = System.nanoTime();
      List<byte[]> blocks = writeBlocks(writer, v, HOUR);
      long t1 = System.nanoTime();
      for (byte[] b : blocks) {
        sink += SeriesBlockReader.read(b, "walk").rows();
      }
      long t2 = System.nanoTime();
      bestEncode = Math.min(bestEncode, t1 - t0);
      bestDecode = Math.min(bestDecode, t2 - t1);
      List<byte[]> encoded = new ArrayList<>();
      long t3 = System.nanoTime();
      for (int from = 0; from < v.length; from += BLOCK) {
        BitWriter out = new BitWriter(BLOCK * 8);
        alp.encode(v, from, Math.min(BLOCK, v.length - from), out);
        encoded.add(out.toByteArray());
      }
      long t4 = System.nanoTime();
      int from = 0;
      for (byte[] b : encoded) {
        int n = Math.min(BLOCK, v.length - from);
        alp.decode(new BitReader(b), n, dst, 0);
        sink += (long) dst[n - 1];
        from += n;
      }
      long t5 = System.nanoTime();
      bestAlpEncode = Math.min(bestAlpEncode, t4 - t3);
      bestAlpDecode = Math.min(bestAlpDecode, t5 - t4);
    }
    return String.format(
        Locale.ROOT,
        "random walk %d points: blocks encode %.1f M points/s, decode %.1f M points/s;"
            + " ALP alone encode %.1f M points/s, decode %.1f M points/s (sink %d)%n",
        v.length,
        v.length * 1e3 / bestEncode,
        v.length * 1e3 / bestDecode,
        v.length * 1e3 / bestAlpEncode,
        v.length * 1e3 / bestAlpDecode,
        sink);
  }

  private static String codecSpeed(double[] v, DoubleCodec codec) {
    long bestEncode = Long.MAX_VALUE;
    long bestDecode = Long.MAX_VALUE;
    double[] dst = new double[BLOCK];
    long bytes = 0;
    long sink = 0;
    for (int round = 0; round < 3; round++) {
      List<byte[]> encoded = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int from = 0; from < v.length; from += BLOCK) {
        BitWriter out = new BitWriter(BLOCK * 8);
        codec.encode(v, from, Math.min(BLOCK, v.length - from), out);
        encoded.add(out.toByteArray());
      }
      long t1 = System.nanoTime();
      int from = 0;
      bytes = 0;
      for (byte[] b : encoded) {
        int n = Math.min(BLOCK, v.length - from);
        codec.decode(new BitReader(b), n, dst, 0);
        sink += (long) dst[n - 1];
        from += n;
        bytes += b.length;
      }
      long t2 = System.nanoTime();
      bestEncode = Math.min(bestEncode, t1 - t0);
      bestDecode = Math.min(bestDecode, t2 - t1);
    }
    return String.format(
        Locale.ROOT,
        "  %-9s alone: %.3f bytes/point, encode %.1f M points/s, decode %.1f M points/s (%d)%n",
        codec.id(),
        (double) bytes / v.length,
        v.length * 1e3 / bestEncode,
        v.length * 1e3 / bestDecode,
        sink);
  }

  private static List<byte[]> writeBlocks(SeriesBlockWriter writer, double[] v, long step) {
    List<byte[]> blocks = new ArrayList<>();
    for (int from = 0; from < v.length; from += BLOCK) {
      blocks.add(writer.write(block(v, from, Math.min(BLOCK, v.length - from), step)));
    }
    return blocks;
  }

  private static SeriesBlock block(double[] v, int from, int n, long step) {
    double[] slice = java.util.Arrays.copyOfRange(v, from, from + n);
    return SeriesBlock.equidistant(
        "s".getBytes(StandardCharsets.UTF_8),
        from * step,
        step,
        n,
        null,
        List.of(SeriesColumn.ofDoubles(slice, n, null)));
  }

  private static double codecOnly(double[] v, DoubleCodec codec) {
    long bytes = 0;
    for (int from = 0; from < v.length; from += BLOCK) {
      BitWriter out = new BitWriter();
      codec.encode(v, from, Math.min(BLOCK, v.length - from), out);
      bytes += out.byteLength();
    }
    return (double) bytes / v.length;
  }

  private static double[] randomWalk(Random rnd, int n) {
    double[] out = new double[n];
    long units = 200;
    for (int i = 0; i < n; i++) {
      units += Math.round(rnd.nextGaussian() * 2);
      out[i] = units / 10.0;
    }
    return out;
  }

  private static double[] csvColumn(Path file, String column) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",");
    int idx = -1;
    for (int i = 0; i < header.length; i++) {
      if (header[i].trim().equals(column)) {
        idx = i;
      }
    }
    assertThat(idx).as("column %s in %s", column, file).isNotNegative();
    double[] out = new double[lines.size() - 1];
    for (int r = 1; r < lines.size(); r++) {
      out[r - 1] = Double.parseDouble(lines.get(r).split(",")[idx].trim());
    }
    return out;
  }

  /** A file of the shared test data: {@code thermo.shared.data}, else ../shared/data upward. */
  static Path sharedData(String name) {
    List<Path> tried = new ArrayList<>();
    String prop = System.getProperty("thermo.shared.data");
    if (prop != null && !prop.isBlank()) {
      tried.add(Paths.get(prop, name));
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      tried.add(dir.resolve("../shared/data").resolve(name).normalize());
    }
    for (Path p : tried) {
      if (Files.isReadable(p)) {
        return p;
      }
    }
    throw new AssertionError("test data file " + name + " not found; tried " + tried);
  }
}
