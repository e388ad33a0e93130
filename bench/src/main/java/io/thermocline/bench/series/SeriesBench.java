package io.thermocline.bench.series;

import io.thermocline.bench.series.TsFilePeer.Combination;
import io.thermocline.timeseries.block.SeriesBlock;
import io.thermocline.timeseries.block.SeriesBlockFormat;
import io.thermocline.timeseries.codec.CodecId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 6's compression bench: each series encoded by Thermocline's hot blocks and cold tier, by
 * TsFile (its smallest encoding and compressor) and by Parquet + ZSTD (default and
 * BYTE_STREAM_SPLIT), bytes/point side by side; then encode/decode speed of the hot blocks next to
 * TsFile's write/read. Every format is read back and compared bit for bit before it is counted.
 *
 * <p>Single-threaded: runs one measurement at a time on the calling thread.
 */
public final class SeriesBench {
  /** The hourly normals file and the daily weather file, under the data directory. */
  public static final String HOURLY_FILE = "seattle-weather-hourly-normals.csv";

  public static final String DAILY_FILE = "seattle-weather.csv";

  private final Path dataDir;
  private final int syntheticPoints;
  private final long seed;
  private final int blockPoints;
  private final int runs;
  private final MedianTimer timer;
  private final TsFileSearch search;

  /**
   * @param syntheticPoints points of the random walk; 0 leaves it out
   * @param blockPoints grid positions per Thermocline block
   * @param runs timed runs per speed figure (after warm-up)
   * @param searchSample a series longer than this is searched for TsFile's best combination on its
   *     first {@code searchSample} points, and the two best are then written in full
   */
  public SeriesBench(
      Path dataDir, int syntheticPoints, long seed, int blockPoints, int runs, int searchSample) {
    this.dataDir = dataDir;
    this.syntheticPoints = syntheticPoints;
    this.seed = seed;
    this.blockPoints = blockPoints;
    this.runs = runs;
    this.timer = new MedianTimer(2, runs);
    this.search = new TsFileSearch(searchSample, 2);
  }

  /** Parses {@code series [--data DIR] [--points N] [--seed N] [--block N] [--runs N] ...}. */
  public static SeriesBench fromArgs(String[] args) {
    Path data = defaultDataDir();
    int points = 10_000_000;
    long seed = 42;
    int block = SeriesBlockFormat.DEFAULT_BLOCK_POINTS;
    int runs = 5;
    int sample = 1 << 18;
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      String number = value.replace("_", "");
      switch (option) {
        case "--data" -> data = Path.of(value);
        case "--points" -> points = Integer.parseInt(number);
        case "--seed" -> seed = Long.parseLong(number);
        case "--block" -> block = Integer.parseInt(number);
        case "--runs" -> runs = Integer.parseInt(number);
        case "--sample" -> sample = Integer.parseInt(number);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return new SeriesBench(data, points, seed, block, runs, sample);
  }

  /** The bench's tables (summary) and TsFile's full search matrix (appendix). */
  public record Report(String summary, String appendix) {}

  public Report run() {
    List<BenchSeries> real = new ArrayList<>();
    real.addAll(
        SeriesDatasets.fromCsv(dataFile(HOURLY_FILE), "hourly", SeriesDatasets.HOUR_MICROS));
    real.addAll(SeriesDatasets.fromCsv(dataFile(DAILY_FILE), "daily", SeriesDatasets.DAY_MICROS));
    List<BenchSeries> all = new ArrayList<>(real);
    if (syntheticPoints > 0) {
      System.out.printf(Locale.ROOT, "generating %,d synthetic points...%n", syntheticPoints);
      all.add(SeriesDatasets.randomWalk(syntheticPoints, seed));
    }
    List<SeriesSizes> sizes = new ArrayList<>();
    List<SeriesSpeeds> speeds = new ArrayList<>();
    Path tmp = createTempDir();
    try {
      for (int i = 0; i < all.size(); i++) {
        System.out.println("sizes: " + all.get(i).label() + "...");
        sizes.add(sizes(all.get(i), tmp.resolve("s" + i)));
      }
      for (SeriesSizes s : sizes) {
        System.out.println("speed: " + s.series().label() + "...");
        speeds.add(speeds(s.series(), s.tsFile().best()));
      }
    } finally {
      deleteTree(tmp);
    }
    SeriesReport report = new SeriesReport(blockPoints, runs, real.size());
    return new Report(report.summary(sizes, speeds), report.appendix(sizes));
  }

  /** Bytes of every system for one series, each checked by reading it back. */
  record SeriesSizes(
      BenchSeries series,
      long hotBytes,
      String hotCodecs,
      long hotIrregularBytes,
      String hotIrregularCodecs,
      ColdTierPeer.Result cold,
      TsFileSearch.Outcome tsFile,
      long parquetBytes,
      String parquetEncodings,
      long splitBytes,
      String splitEncodings) {}

  /** Points/s of the hot blocks and of TsFile with its best and its default combination. */
  record SeriesSpeeds(
      BenchSeries series,
      double encode,
      double decode,
      Combination best,
      double bestWrite,
      double bestRead,
      Combination defaults,
      double defaultWrite,
      double defaultRead) {}

  private SeriesSizes sizes(BenchSeries s, Path dir) {
    HotBlockCodec hot = new HotBlockCodec(blockPoints);
    Map<CodecId, Integer> codecs = new EnumMap<>(CodecId.class);
    byte[][] blocks = hot.encode(hot.cut(s, true), codecs);
    HotBlockCodec.verify(s, blocks, "Thermocline's equidistant blocks");
    Map<CodecId, Integer> irregularCodecs = new EnumMap<>(CodecId.class);
    byte[][] irregular = hot.encode(hot.cut(s, false), irregularCodecs);
    HotBlockCodec.verify(s, irregular, "Thermocline's irregular blocks");
    createDir(dir);
    ColdTierPeer.Result cold = ColdTierPeer.writeAndCheck(s, dir.resolve("cold"));
    TsFileSearch.Outcome tsFile = search.search(s);
    long parquet = ParquetPeer.write(s, ParquetPeer.Variant.DEFAULT, dir.resolve("plain.parquet"));
    String parquetEncodings = checkParquet(s, dir.resolve("plain.parquet"));
    long split =
        ParquetPeer.write(s, ParquetPeer.Variant.BYTE_STREAM_SPLIT, dir.resolve("bss.parquet"));
    String splitEncodings = checkParquet(s, dir.resolve("bss.parquet"));
    return new SeriesSizes(
        s,
        HotBlockCodec.bytes(blocks),
        HotBlockCodec.describe(codecs),
        HotBlockCodec.bytes(irregular),
        HotBlockCodec.describe(irregularCodecs),
        cold,
        tsFile,
        parquet,
        parquetEncodings,
        split,
        splitEncodings);
  }

  private static String checkParquet(BenchSeries s, Path file) {
    long[] ts = new long[s.points()];
    double[] values = new double[s.points()];
    int rows = ParquetPeer.read(file, ts, values);
    SeriesCheck.same(s, rows, ts, values, "Parquet " + file.getFileName());
    return ParquetPeer.encodings(file);
  }

  private SeriesSpeeds speeds(BenchSeries s, Combination best) {
    int n = s.points();
    HotBlockCodec hot = new HotBlockCodec(blockPoints);
    List<SeriesBlock> blocks = hot.cut(s, true);
    byte[][] encoded = hot.encode(blocks, null);
    long[] ts = new long[n];
    double[] values = new double[n];
    double encode = timer.pointsPerSecond(n, () -> hot.encode(blocks, null).length);
    double decode = timer.pointsPerSecond(n, () -> HotBlockCodec.decode(encoded, ts, values));
    SeriesCheck.same(s, n, ts, values, "Thermocline's decode under timing");
    double[] bestSpeed = tsFileSpeed(s, best, ts, values);
    Combination defaults = TsFilePeer.defaults();
    double[] defaultSpeed =
        defaults.equals(best) ? bestSpeed : tsFileSpeed(s, defaults, ts, values);
    return new SeriesSpeeds(
        s,
        encode,
        decode,
        best,
        bestSpeed[0],
        bestSpeed[1],
        defaults,
        defaultSpeed[0],
        defaultSpeed[1]);
  }

  /** Write and read points/s of one TsFile combination; the read result is checked. */
  private double[] tsFileSpeed(BenchSeries s, Combination c, long[] ts, double[] values) {
    int n = s.points();
    TsFilePeer.Prepared prepared = TsFilePeer.prepare(s, c);
    byte[] file = TsFilePeer.write(prepared);
    double write = timer.pointsPerSecond(n, () -> TsFilePeer.write(prepared).length);
    double read = timer.pointsPerSecond(n, () -> TsFilePeer.read(file, ts, values));
    SeriesCheck.same(s, n, ts, values, "TsFile " + c + " read under timing");
    return new double[] {write, read};
  }

  private Path dataFile(String name) {
    Path file = dataDir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "bench data file "
              + file.toAbsolutePath()
              + " not found; pass --data DIR or set -Dthermo.shared.data");
    }
    return file;
  }

  /** {@code thermo.shared.data}, else {@code ../shared/data} from the project root or bench/. */
  private static Path defaultDataDir() {
    String property = System.getProperty("thermo.shared.data");
    if (property != null) {
      return Path.of(property);
    }
    Path fromRoot = Path.of("../shared/data");
    return Files.isDirectory(fromRoot) ? fromRoot : Path.of("../../shared/data");
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("thermo-series-bench");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  private static void createDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}
