package io.thermocline.bench.workload;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The devops workload (TSBS "cpu-only" shape): {@value #HOSTS} hosts report {@value #METRICS}
 * DOUBLE metrics every 10 seconds; rows arrive time-ordered, one row per host per tick. Each metric
 * is a bounded random walk in [0, 100] with two decimals, as agents that report percentages do.
 * Deterministic for a seed.
 */
public final class DevopsWorkload {
  public static final int HOSTS = 100;
  public static final int METRICS = 10;
  public static final long TICK_MICROS = 10_000_000L;

  /** 2024-01-01T00:00:00Z in microseconds. */
  public static final long START_MICROS = 1_704_067_200_000_000L;

  public static final String[] METRIC_NAMES = {
    "usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
    "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"
  };

  private DevopsWorkload() {}

  public static Schema schema() {
    List<Column> cols = new ArrayList<>();
    cols.add(Column.notNull("ts", DataType.TIMESTAMP));
    cols.add(Column.notNull("host", DataType.varchar(16)));
    for (String m : METRIC_NAMES) {
      cols.add(Column.nullable(m, DataType.DOUBLE));
    }
    return new Schema(cols, List.of(), "ts");
  }

  public static Workload generate(long rows, long seed, int batchSize) {
    Schema schema = schema();
    SplittableRandom random = new SplittableRandom(seed);
    String[] hostNames = new String[HOSTS];
    double[][] walk = new double[HOSTS][METRICS];
    for (int h = 0; h < HOSTS; h++) {
      hostNames[h] = "host_" + h;
      for (int m = 0; m < METRICS; m++) {
        walk[h][m] = round2(random.nextDouble() * 100);
      }
    }
    List<ColumnBatch> batches = new ArrayList<>();
    long row = 0;
    while (row < rows) {
      int n = (int) Math.min(batchSize, rows - row);
      long[] ts = new long[n];
      String[] host = new String[n];
      double[][] metrics = new double[METRICS][n];
      for (int i = 0; i < n; i++, row++) {
        int h = (int) (row % HOSTS);
        ts[i] = START_MICROS + (row / HOSTS) * TICK_MICROS;
        host[i] = hostNames[h];
        for (int m = 0; m < METRICS; m++) {
          double v = walk[h][m] + (random.nextDouble() - 0.5);
          v = Math.max(0, Math.min(100, v));
          walk[h][m] = round2(v);
          metrics[m][i] = walk[h][m];
        }
      }
      ColumnVector[] vectors = new ColumnVector[2 + METRICS];
      vectors[0] = new LongVector(DataType.TIMESTAMP, ts, n, null);
      vectors[1] = StringVector.plain(schema.column(1).type(), host, n, null);
      for (int m = 0; m < METRICS; m++) {
        vectors[2 + m] = new DoubleVector(DataType.DOUBLE, metrics[m], n, null);
      }
      batches.add(new ColumnBatch(schema, n, vectors));
    }
    return new Workload("devops", schema, batches, rows);
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
