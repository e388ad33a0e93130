package io.thermocline.bench.series;

import io.thermocline.coldstore.ColdStore;
import io.thermocline.coldstore.ColdTable;
import io.thermocline.coldstore.ColdTableStats;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Thermocline's cold tier as the bench sees it: the series written as cold Parquet file(s) of a
 * table {@code (ts TIMESTAMP, value DOUBLE)} through the cold store's public API, with its default
 * settings, then scanned back. Bytes are the live files' sizes as the manifest records them.
 *
 * <p>Single-threaded use: one store per call, opened and closed here.
 */
final class ColdTierPeer {
  private static final long COMMIT = 1;

  private ColdTierPeer() {}

  static Schema schema() {
    return new Schema(
        List.of(Column.notNull("ts", DataType.TIMESTAMP), Column.notNull("value", DataType.DOUBLE)),
        List.of(),
        "ts");
  }

  /**
   * Writes and reads back {@code s} in a new cold store under {@code dir}; returns the file bytes.
   */
  static Result writeAndCheck(BenchSeries s, Path dir) {
    Schema schema = schema();
    int n = s.points();
    ColumnBatch batch =
        new ColumnBatch(
            schema,
            n,
            new ColumnVector[] {
              new LongVector(DataType.TIMESTAMP, s.timestamps(), n, null),
              new DoubleVector(DataType.DOUBLE, s.values(), n, null)
            });
    try (ColdStore store = ColdStore.open(dir, Config.defaults())) {
      ColdTable table = store.table("series", schema);
      table.writeFile(COMMIT, batch);
      ColdTableStats stats = table.stats();
      long[] ts = new long[n];
      double[] values = new double[n];
      int rows = readBack(s, table, ts, values);
      SeriesCheck.same(s, rows, ts, values, "the cold tier");
      return new Result(stats.liveBytes(), stats.liveFiles());
    }
  }

  /**
   * Scans the table and puts each row at its timestamp's place in the input (scan order across
   * files is not promised), so a row read twice or one that is not in the input fails the check.
   */
  private static int readBack(BenchSeries s, ColdTable table, long[] ts, double[] values) {
    long[] want = s.timestamps();
    boolean[] seen = new boolean[want.length];
    int rows = 0;
    try (BatchCursor cursor = table.scan(ScanRequest.at(COMMIT))) {
      ColumnBatch b;
      while ((b = cursor.next()) != null) {
        long[] bt = ((LongVector) b.column(0)).values();
        double[] bv = ((DoubleVector) b.column(1)).values();
        for (int r = 0; r < b.rowCount(); r++) {
          int at = Arrays.binarySearch(want, bt[r]);
          if (at < 0 || seen[at]) {
            throw new ThermoException(
                ErrorCode.INTERNAL,
                "the cold tier returned "
                    + (at < 0 ? "an unknown" : "a repeated")
                    + " timestamp "
                    + bt[r]
                    + " for "
                    + s.label());
          }
          seen[at] = true;
          ts[at] = bt[r];
          values[at] = bv[r];
          rows++;
        }
      }
    }
    return rows;
  }

  /** Bytes of the live cold files and how many there are. */
  record Result(long bytes, int files) {}
}
