package io.thermocline.bench.series;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;

/**
 * The correctness gate of the bench: what a system read back must equal the input bit for bit
 * (timestamps and the raw bits of every double), so a lossy or broken writer cannot win. Stateless.
 */
final class SeriesCheck {
  private SeriesCheck() {}

  /** Throws naming the series, the system and the first row that differs. */
  static void same(BenchSeries s, int rows, long[] ts, double[] values, String what) {
    String problem = firstDifference(s, rows, ts, values);
    if (problem != null) {
      throw new ThermoException(
          ErrorCode.INTERNAL, what + " did not read back " + s.label() + ": " + problem);
    }
  }

  /** Null when equal, else a description of the first difference. */
  static String firstDifference(BenchSeries s, int rows, long[] ts, double[] values) {
    if (rows != s.points()) {
      return rows + " rows read, " + s.points() + " written";
    }
    long[] wantTs = s.timestamps();
    double[] want = s.values();
    for (int r = 0; r < rows; r++) {
      if (ts[r] != wantTs[r]) {
        return "row " + r + " has timestamp " + ts[r] + ", expected " + wantTs[r];
      }
      if (Double.doubleToRawLongBits(values[r]) != Double.doubleToRawLongBits(want[r])) {
        return "row " + r + " has value " + values[r] + ", expected " + want[r];
      }
    }
    return null;
  }
}
