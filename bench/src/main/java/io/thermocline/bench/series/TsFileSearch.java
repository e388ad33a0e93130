package io.thermocline.bench.series;

import io.thermocline.bench.series.TsFilePeer.Combination;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.tsfile.file.metadata.enums.CompressionType;
import org.apache.tsfile.file.metadata.enums.TSEncoding;

/**
 * Finds TsFile's smallest file for a series: every DOUBLE encoding with every compressor, each file
 * read back and compared, so a combination that loses a bit (or fails) cannot win. Series longer
 * than the sample are searched on their first {@code samplePoints} points and the {@code finalists}
 * best combinations are then written in full. Single-threaded.
 */
final class TsFileSearch {
  private final int samplePoints;
  private final int finalists;

  TsFileSearch(int samplePoints, int finalists) {
    this.samplePoints = samplePoints;
    this.finalists = finalists;
  }

  /** One combination's file bytes on the searched points, or why it does not count. */
  record Trial(Combination combination, long bytes, String failure) {
    boolean ok() {
      return failure == null;
    }
  }

  /**
   * The winner and its bytes on the full series; {@code matrix} holds every trial on {@code
   * searchedPoints} points (fewer than the series when it was sampled).
   */
  record Outcome(Combination best, long bytes, List<Trial> matrix, int searchedPoints) {
    long failures() {
      return matrix.stream().filter(t -> !t.ok()).count();
    }
  }

  Outcome search(BenchSeries s) {
    boolean sampled = s.points() > samplePoints && s.missing() == null;
    BenchSeries searched = sampled ? s.prefix(samplePoints) : s;
    List<Trial> matrix = new ArrayList<>();
    for (TSEncoding e : TsFilePeer.doubleEncodings()) {
      for (CompressionType c : TsFilePeer.compressors()) {
        matrix.add(trial(searched, new Combination(e, c)));
      }
    }
    List<Trial> ranked = new ArrayList<>();
    for (Trial t : matrix) {
      if (t.ok()) {
        ranked.add(t);
      }
    }
    if (ranked.isEmpty()) {
      throw new IllegalStateException("no TsFile combination reads back " + s.label());
    }
    ranked.sort(Comparator.comparingLong(Trial::bytes));
    if (!sampled) {
      return new Outcome(ranked.get(0).combination(), ranked.get(0).bytes(), matrix, s.points());
    }
    Trial best = null;
    for (int i = 0; i < Math.min(finalists, ranked.size()); i++) {
      Trial full = trial(s, ranked.get(i).combination());
      if (full.ok() && (best == null || full.bytes() < best.bytes())) {
        best = full;
      }
    }
    if (best == null) {
      throw new IllegalStateException(
          "no TsFile finalist reads back the full " + s.label() + " series");
    }
    return new Outcome(best.combination(), best.bytes(), matrix, samplePoints);
  }

  /** Writes, reads back and compares one combination. */
  static Trial trial(BenchSeries s, Combination c) {
    byte[] file;
    long[] ts = new long[s.points()];
    double[] values = new double[s.points()];
    int rows;
    try {
      file = TsFilePeer.write(TsFilePeer.prepare(s, c));
      rows = TsFilePeer.read(file, ts, values);
    } catch (RuntimeException e) {
      return new Trial(c, -1, "fails: " + e);
    }
    String difference = SeriesCheck.firstDifference(s, rows, ts, values);
    if (difference != null) {
      return new Trial(c, file.length, "lossy: " + difference);
    }
    return new Trial(c, file.length, null);
  }
}
