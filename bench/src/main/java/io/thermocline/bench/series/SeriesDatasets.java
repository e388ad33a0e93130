package io.thermocline.bench.series;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The series of the bench: every numeric column of a CSV file whose first column is a date or a
 * date-time on a fixed grid, and a seeded random walk. A CSV row off the grid, out of order or
 * twice on one grid position fails naming the file and line; a grid position without a row, or an
 * empty cell, becomes a missing element of that column. Stateless.
 */
public final class SeriesDatasets {
  /** 2024-01-01T00:00:00Z in microseconds: the synthetic series starts there. */
  public static final long SYNTHETIC_START_MICROS = 1_704_067_200_000_000L;

  public static final long SECOND_MICROS = 1_000_000L;
  public static final long HOUR_MICROS = 3_600L * SECOND_MICROS;
  public static final long DAY_MICROS = 24L * HOUR_MICROS;

  private SeriesDatasets() {}

  /**
   * Every numeric column of {@code file} as a series on the grid of {@code increment} microseconds
   * that starts at the first row's timestamp.
   */
  public static List<BenchSeries> fromCsv(Path file, String dataset, long increment) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
    if (lines.size() < 2) {
      throw bad(file, 1, "has no data rows");
    }
    String[] header = lines.get(0).split(",", -1);
    int rows = lines.size() - 1;
    long[] ts = new long[rows];
    String[][] cells = new String[rows][];
    for (int r = 0; r < rows; r++) {
      String[] cols = lines.get(r + 1).split(",", -1);
      if (cols.length != header.length) {
        throw bad(file, r + 2, "has " + cols.length + " fields, the header " + header.length);
      }
      ts[r] = parseTimestamp(cols[0], file, r + 2);
      cells[r] = cols;
    }
    long start = ts[0];
    int gridCount = gridPosition(ts[rows - 1], start, increment, file, rows + 1) + 1;
    int[] position = new int[rows];
    for (int r = 0; r < rows; r++) {
      position[r] = gridPosition(ts[r], start, increment, file, r + 2);
      if (r > 0 && position[r] <= position[r - 1]) {
        throw bad(file, r + 2, "repeats or goes back in time: " + cells[r][0]);
      }
    }
    List<BenchSeries> out = new ArrayList<>();
    for (int c = 1; c < header.length; c++) {
      BenchSeries s = column(dataset, header[c], c, cells, position, start, increment, gridCount);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * A random walk of one-decimal values, one point per second from {@link #SYNTHETIC_START_MICROS}:
   * each step is a normal variate with a standard deviation of 0.2 rounded to a tenth, as a sensor
   * that reports to its resolution does. Deterministic for a seed.
   */
  public static BenchSeries randomWalk(int points, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] ts = new long[points];
    double[] values = new double[points];
    long tenths = 200;
    for (int i = 0; i < points; i++) {
      ts[i] = SYNTHETIC_START_MICROS + i * SECOND_MICROS;
      // Integer tenths divided once: the double is the one a parser makes of the decimal text.
      values[i] = tenths / 10.0;
      tenths += Math.round(gaussian(random) * 2.0);
    }
    return new BenchSeries(
        "synthetic",
        "walk(seed " + seed + ")",
        SYNTHETIC_START_MICROS,
        SECOND_MICROS,
        points,
        null,
        ts,
        values,
        1);
  }

  /** Null when the column is not numeric (a text column such as {@code weather}). */
  private static BenchSeries column(
      String dataset,
      String name,
      int c,
      String[][] cells,
      int[] position,
      long start,
      long increment,
      int gridCount) {
    int rows = cells.length;
    double[] values = new double[rows];
    long[] ts = new long[rows];
    long[] missingRows = null;
    int present = 0;
    int decimals = 0;
    for (int r = 0; r < rows; r++) {
      String cell = cells[r][c].trim();
      if (cell.isEmpty()) {
        continue;
      }
      try {
        values[present] = Double.parseDouble(cell);
      } catch (NumberFormatException e) {
        return null;
      }
      int dot = cell.indexOf('.');
      decimals = Math.max(decimals, dot < 0 ? 0 : cell.length() - dot - 1);
      ts[present] = start + position[r] * increment;
      present++;
    }
    if (present == 0) {
      return null;
    }
    if (present < gridCount) {
      missingRows = NullBitmap.allocate(gridCount);
      Arrays.fill(missingRows, -1L);
      for (int k = 0; k < present; k++) {
        NullBitmap.clear(missingRows, (int) ((ts[k] - start) / increment));
      }
      for (int i = gridCount; i < missingRows.length * 64; i++) {
        NullBitmap.clear(missingRows, i);
      }
    }
    return new BenchSeries(
        dataset,
        name,
        start,
        increment,
        gridCount,
        missingRows,
        Arrays.copyOf(ts, present),
        Arrays.copyOf(values, present),
        decimals);
  }

  private static int gridPosition(long ts, long start, long increment, Path file, int line) {
    long offset = ts - start;
    if (offset < 0 || offset % increment != 0) {
      throw bad(file, line, "has a timestamp off the grid of " + increment + " us from " + start);
    }
    long position = offset / increment;
    if (position >= Integer.MAX_VALUE) {
      throw bad(file, line, "is " + position + " grid positions from the start");
    }
    return (int) position;
  }

  private static long parseTimestamp(String text, Path file, int line) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * SECOND_MICROS;
      }
      LocalDateTime t = LocalDateTime.parse(text);
      return t.toEpochSecond(ZoneOffset.UTC) * SECOND_MICROS + t.getNano() / 1_000;
    } catch (DateTimeParseException e) {
      throw bad(file, line, "has an unreadable timestamp '" + text + "'");
    }
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  private static ThermoException bad(Path file, int line, String problem) {
    return new ThermoException(
        ErrorCode.INVALID_ARGUMENT, file.toAbsolutePath() + " line " + line + " " + problem);
  }
}
