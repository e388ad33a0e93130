package io.thermocline.hotstore;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A quick single-run figure (not the benchmark): loads devops-like rows (100 hosts, 10 random-walk
 * DOUBLE metrics with 2 decimals, a timestamp every 10 s), merges, prints rows/s and bytes/row, and
 * times the three reference aggregates. Run: {@code java -cp ... DevopsFigures [rows] [threads]
 * [loads]}; with loads > 1 the load is repeated in the same JVM (the first one pays JIT warm-up).
 */
public final class DevopsFigures {
  static final int HOSTS = 100;
  static final int METRICS = 10;
  static final long T0 = 1_600_000_000_000_000L;
  static final long STEP = 10_000_000L;

  public static Schema schema() {
    List<Column> cols = new ArrayList<>();
    cols.add(Column.notNull("host", DataType.varchar(32)));
    cols.add(Column.notNull("ts", DataType.TIMESTAMP));
    for (int m = 0; m < METRICS; m++) {
      cols.add(Column.nullable("m" + m, DataType.DOUBLE));
    }
    return new Schema(cols, List.of(), "ts");
  }

  /** Generates batches of devops rows in (ts, host) order. */
  public static final class Generator {
    private final Schema schema = schema();
    private final String[] hosts = new String[HOSTS];
    private final double[][] walk = new double[HOSTS][METRICS];
    private final Random rnd = new Random(42);
    private long row;

    public Generator() {
      for (int h = 0; h < HOSTS; h++) {
        hosts[h] = "host_" + h;
        for (int m = 0; m < METRICS; m++) {
          walk[h][m] = 50 + rnd.nextInt(50);
        }
      }
    }

    public ColumnBatch next(int n) {
      String[] host = new String[n];
      long[] ts = new long[n];
      double[][] ms = new double[METRICS][n];
      for (int i = 0; i < n; i++, row++) {
        int h = (int) (row % HOSTS);
        host[i] = hosts[h];
        ts[i] = T0 + (row / HOSTS) * STEP;
        for (int m = 0; m < METRICS; m++) {
          double v = walk[h][m] + (rnd.nextInt(201) - 100) / 100.0;
          v = Math.max(0, Math.min(100, v));
          v = Math.round(v * 100) / 100.0;
          walk[h][m] = v;
          ms[m][i] = v;
        }
      }
      ColumnVector[] vs = new ColumnVector[2 + METRICS];
      vs[0] = StringVector.plain(schema.column(0).type(), host, n, null);
      vs[1] = new LongVector(DataType.TIMESTAMP, ts, n, null);
      for (int m = 0; m < METRICS; m++) {
        vs[2 + m] = new DoubleVector(DataType.DOUBLE, ms[m], n, null);
      }
      return new ColumnBatch(schema, n, vs);
    }
  }

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int loads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    ColumnPartition p = null;
    for (int l = 0; l < loads; l++) {
      if (p != null) {
        p.close();
      }
      p = load(rows, threads);
    }
    query(p, rows);
    p.close();
  }

  private static ColumnPartition load(int rows, int threads) {
    int batch = 100_000;
    Generator gen = new Generator();
    List<ColumnBatch> batches = new ArrayList<>();
    for (int done = 0; done < rows; done += batch) {
      batches.add(gen.next(Math.min(batch, rows - done)));
    }
    Config config = Config.defaults().with(HotStoreSettings.MERGE_PARALLELISM, threads);
    ColumnPartition p = new ColumnPartition("devops", schema(), config);
    System.gc();
    long t0 = System.nanoTime();
    long cid = 1;
    for (ColumnBatch b : batches) {
      p.insert(cid++, b);
    }
    long t1 = System.nanoTime();
    MergeResult mr = p.mergeDelta(cid);
    long t2 = System.nanoTime();
    batches = null;
    MemoryUsage mu = p.memoryUsage();
    System.out.printf(
        "rows=%d insert=%.0f ms merge=%.0f ms load=%.2f M rows/s bytes/row=%.1f (mvcc %d B)%n",
        rows,
        (t1 - t0) / 1e6,
        (t2 - t1) / 1e6,
        rows / ((t2 - t0) / 1e9) / 1e6,
        (double) mu.totalBytes() / rows,
        mu.mvccBytes());
    for (MemoryUsage.ColumnMemory c : mu.columns()) {
      System.out.printf(
          "  %-5s dict=%d ids=%d nulls=%d%n",
          c.column(), c.dictionaryBytes(), c.valueIdBytes(), c.nullBytes());
    }
    return p;
  }

  private static void query(ColumnPartition p, int rows) {
    long snap = Long.MAX_VALUE - 1;
    long hours = 3_600_000_000L;
    long windowStart = T0 + (rows / HOSTS / 2) * STEP;
    Expr window = Expr.and(Expr.ge("ts", windowStart), Expr.lt("ts", windowStart + 12 * hours));
    AggregateSpec qa = AggregateSpec.of(List.of(GroupKey.column("host")), AggregateCall.avg("m0"));
    AggregateSpec qb =
        AggregateSpec.of(
            List.of(GroupKey.column("host"), GroupKey.timeBucket("ts", hours)),
            AggregateCall.max("m0"),
            AggregateCall.max("m1"),
            AggregateCall.max("m2"),
            AggregateCall.max("m3"),
            AggregateCall.max("m4"));
    AggregateSpec qc = AggregateSpec.of(List.of(), AggregateCall.countStar());
    for (int par : new int[] {1, 2}) {
      time("a avg(m0) by host      p=" + par, () -> p.aggregate(ScanRequest.at(snap), qa, par));
      time(
          "b max(m0..m4) by host,hour 12h p=" + par,
          () -> p.aggregate(ScanRequest.at(snap).withFilter(window), qb, par));
      time(
          "c count(*) m0 > 90      p=" + par,
          () -> p.aggregate(ScanRequest.at(snap).withFilter(Expr.gt("m0", 90.0)), qc, par));
    }
  }

  static void time(String label, Supplier<AggregateResult> q) {
    long[] ns = new long[15];
    int groups = 0;
    for (int i = 0; i < ns.length; i++) {
      long t = System.nanoTime();
      groups = q.get().groupCount();
      ns[i] = System.nanoTime() - t;
    }
    Arrays.sort(ns);
    System.out.printf(
        "%-40s median %.2f ms (min %.2f) groups=%d%n", label, ns[7] / 1e6, ns[0] / 1e6, groups);
  }
}
