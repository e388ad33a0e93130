package io.thermocline.bench.series;

import io.thermocline.bench.report.BenchTable;
import io.thermocline.bench.report.BenchTable.Better;
import io.thermocline.bench.report.MultiPeerTable;
import io.thermocline.bench.series.SeriesBench.SeriesSizes;
import io.thermocline.bench.series.SeriesBench.SeriesSpeeds;
import io.thermocline.bench.series.TsFileSearch.Trial;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.tsfile.file.metadata.enums.CompressionType;
import org.apache.tsfile.file.metadata.enums.TSEncoding;

/**
 * Turns the bench's measurements into Markdown tables: bytes/point side by side with ratios, what
 * each system chose, issue 6's targets, speeds, and (appendix) TsFile's whole search matrix. Pure
 * formatting; stateless apart from the settings it prints.
 */
final class SeriesReport {
  /** A row of 8-byte timestamp and 8-byte double: what a row store keeps per point. */
  static final double ROW_BYTES = 16.0;

  /** An uncompressed 8-byte value column (timestamps not counted). */
  static final double PLAIN_COLUMN_BYTES = 8.0;

  private final int blockPoints;
  private final int runs;
  private final int realSeries;

  SeriesReport(int blockPoints, int runs, int realSeries) {
    this.blockPoints = blockPoints;
    this.runs = runs;
    this.realSeries = realSeries;
  }

  String summary(List<SeriesSizes> sizes, List<SeriesSpeeds> speeds) {
    return bytesTable(sizes).render()
        + "\n"
        + choicesTable(sizes).render()
        + "\n"
        + targetsTable(sizes).render()
        + "\n"
        + speedTable(speeds).render();
  }

  private MultiPeerTable bytesTable(List<SeriesSizes> sizes) {
    MultiPeerTable t =
        new MultiPeerTable(
            "Bytes per point (file or block bytes / points)",
            List.of("series", "points"),
            List.of(
                "T hot",
                "T hot, ts stored",
                "T cold",
                "TsFile best",
                "Parquet ZSTD",
                "Parquet ZSTD BSS"));
    t.ratio("T/TsFile", 0, 3)
        .ratio("T/Parquet", 0, 4)
        .ratio("T/Parquet BSS", 0, 5)
        .ratio("T ts stored/TsFile", 1, 3)
        .ratio("T cold/Parquet", 2, 4);
    long[] real = new long[7];
    for (int i = 0; i < sizes.size(); i++) {
      SeriesSizes s = sizes.get(i);
      long[] bytes = bytes(s);
      t.add(List.of(s.series().label(), count(s.series().points())), perPoint(bytes, s));
      if (i < realSeries) {
        for (int k = 0; k < 6; k++) {
          real[k] += bytes[k];
        }
        real[6] += s.series().points();
      }
    }
    double[] total = new double[6];
    for (int k = 0; k < 6; k++) {
      total[k] = real[k] / (double) real[6];
    }
    t.add(List.of("**all real columns**", count(real[6])), total);
    t.note(
        String.format(
            Locale.ROOT,
            "T hot: equidistant series blocks of %,d grid positions, whole blocks counted (header,"
                + " series key, grid start and increment, codec ids, CRC32C footer); no timestamp"
                + " is stored.",
            blockPoints));
    t.note(
        "T hot, ts stored: the same values in irregular blocks that store every timestamp, the"
            + " like-for-like figure: TsFile and both Parquet files always store the timestamps"
            + " (TsFile: TS_2DIFF; Parquet: INT64 DELTA_BINARY_PACKED), so their bytes/point"
            + " include them.");
    t.note(
        "T cold: the cold tier's own Parquet file(s) for a table (ts TIMESTAMP, value DOUBLE),"
            + " written through ColdTable.writeFile with default settings; live file bytes.");
    t.note(
        "TsFile best: the smallest file over every DOUBLE encoding x compressor (see the next"
            + " table and the appendix); Parquet: parquet-hadoop, writer v2, ZSTD at its default"
            + " level, one row group; BSS = BYTE_STREAM_SPLIT values with the dictionary off.");
    t.note("Every file and block was read back and compared bit for bit before it was counted.");
    return t;
  }

  private static MultiPeerTable choicesTable(List<SeriesSizes> sizes) {
    MultiPeerTable t =
        new MultiPeerTable(
            "What each system chose",
            List.of(
                "series",
                "T hot codecs (blocks)",
                "T hot, ts stored",
                "TsFile best (searched on points; combos lost/failed)",
                "Parquet ZSTD encodings",
                "Parquet BSS encodings",
                "T cold files"),
            List.of());
    for (SeriesSizes s : sizes) {
      TsFileSearch.Outcome o = s.tsFile();
      t.add(
          List.of(
              s.series().label(),
              s.hotCodecs(),
              s.hotIrregularCodecs(),
              o.best() + " (" + count(o.searchedPoints()) + "; " + o.failures() + ")",
              s.parquetEncodings(),
              s.splitEncodings(),
              s.cold() == null ? "-" : Integer.toString(s.cold().files())));
    }
    return t;
  }

  private BenchTable targetsTable(List<SeriesSizes> sizes) {
    BenchTable t = new BenchTable("Issue 6 targets, bytes/point (Thermocline hot)", "peer");
    long hot = 0;
    long points = 0;
    for (int i = 0; i < realSeries; i++) {
      SeriesSizes s = sizes.get(i);
      double n = s.series().points();
      double thermo = s.hotBytes() / n;
      String label = s.series().label();
      t.add(label + " vs TsFile best", "B/pt", thermo, s.tsFile().bytes() / n, Better.LOWER, 1.0);
      double parquet = Math.min(s.parquetBytes(), s.splitBytes()) / n;
      t.add(
          label + " vs Parquet+ZSTD, better of plain/BSS",
          "B/pt",
          thermo,
          parquet,
          Better.LOWER,
          1.0);
      hot += s.hotBytes();
      points += s.series().points();
    }
    double all = hot / (double) points;
    t.add("all real columns vs 16-byte rows", "B/pt", all, ROW_BYTES, Better.LOWER, 0.1);
    t.add(
        "all real columns vs plain 8-byte value column",
        "B/pt",
        all,
        PLAIN_COLUMN_BYTES,
        Better.LOWER,
        1.0 / 3);
    return t;
  }

  private BenchTable speedTable(List<SeriesSpeeds> speeds) {
    BenchTable t =
        new BenchTable(
            String.format(
                Locale.ROOT,
                "Speed, points/s (median of %d runs after warm-up; TsFile in memory, no disk)",
                runs),
            "TsFile");
    for (SeriesSpeeds s : speeds) {
      String label = s.series().label();
      t.add(
          "encode " + label + " / write " + s.best(),
          "pt/s",
          s.encode(),
          s.bestWrite(),
          Better.HIGHER,
          Double.NaN);
      t.add(
          "decode " + label + " / read " + s.best(),
          "pt/s",
          s.decode(),
          s.bestRead(),
          Better.HIGHER,
          1.5);
      if (!s.defaults().equals(s.best())) {
        t.add(
            "encode " + label + " / write " + s.defaults() + " (default)",
            "pt/s",
            s.encode(),
            s.defaultWrite(),
            Better.HIGHER,
            Double.NaN);
        t.add(
            "decode " + label + " / read " + s.defaults() + " (default)",
            "pt/s",
            s.decode(),
            s.defaultRead(),
            Better.HIGHER,
            1.5);
      }
    }
    return t;
  }

  /** TsFile's search matrix per series: bytes/point per encoding x compressor. */
  String appendix(List<SeriesSizes> sizes) {
    StringBuilder sb =
        new StringBuilder("## Appendix: TsFile bytes/point, encoding x compressor\n\n");
    List<String> headers = new ArrayList<>();
    headers.add("encoding");
    for (CompressionType c : TsFilePeer.compressors()) {
      headers.add(c.name());
    }
    for (SeriesSizes s : sizes) {
      TsFileSearch.Outcome o = s.tsFile();
      MultiPeerTable t =
          new MultiPeerTable(
              s.series().label() + " (" + count(o.searchedPoints()) + " points searched)",
              headers,
              List.of());
      Set<String> failures = new LinkedHashSet<>();
      for (TSEncoding e : TsFilePeer.doubleEncodings()) {
        List<String> line = new ArrayList<>();
        line.add(e.name());
        for (CompressionType c : TsFilePeer.compressors()) {
          line.add(cell(o.matrix(), e, c, o.searchedPoints(), failures));
        }
        t.add(line);
      }
      for (String f : failures) {
        t.note(f);
      }
      sb.append(t.render()).append('\n');
    }
    return sb.toString();
  }

  private static String cell(
      List<Trial> matrix, TSEncoding e, CompressionType c, int points, Set<String> failures) {
    for (Trial trial : matrix) {
      if (trial.combination().encoding() == e && trial.combination().compressor() == c) {
        if (trial.ok()) {
          return String.format(Locale.ROOT, "%.3f", trial.bytes() / (double) points);
        }
        failures.add(e + "+" + c + " " + trial.failure());
        return trial.failure().startsWith("lossy") ? "lossy" : "fails";
      }
    }
    return "-";
  }

  private static long[] bytes(SeriesSizes s) {
    return new long[] {
      s.hotBytes(),
      s.hotIrregularBytes(),
      s.cold() == null ? -1 : s.cold().bytes(),
      s.tsFile().bytes(),
      s.parquetBytes(),
      s.splitBytes()
    };
  }

  private static double[] perPoint(long[] bytes, SeriesSizes s) {
    double[] out = new double[bytes.length];
    for (int k = 0; k < bytes.length; k++) {
      out[k] = bytes[k] < 0 ? Double.NaN : bytes[k] / (double) s.series().points();
    }
    return out;
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
