package io.thermocline.bench.hot;

import io.thermocline.bench.peer.DuckDbPeer;
import io.thermocline.bench.report.BenchTable;
import io.thermocline.bench.report.BenchTable.Better;
import io.thermocline.bench.workload.DevopsWorkload;
import io.thermocline.bench.workload.FlightsWorkload;
import io.thermocline.bench.workload.Workload;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.hotstore.ColumnPartition;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Issue 2's bench: the hot store against in-memory DuckDB on the devops workload (load rows/s,
 * memory bytes/row, three queries at 1 and 2 threads) and on the flights rows (memory bytes/row).
 * Both systems load the same in-memory batches; every query's answer is cross-checked so a fast
 * wrong answer cannot win.
 */
public final class HotStoreBench {
  private static final long HOUR = 3_600_000_000L;

  private final long rows;
  private final int runs;
  private final Path flights;

  public HotStoreBench(long rows, int runs, Path flights) {
    this.rows = rows;
    this.runs = runs;
    this.flights = flights;
  }

  public String run() throws SQLException {
    StringBuilder out = new StringBuilder();
    out.append(devops());
    if (flights != null) {
      out.append('\n').append(flightsMemory());
    }
    return out.toString();
  }

  private String devops() throws SQLException {
    System.out.printf(Locale.ROOT, "generating %,d devops rows...%n", rows);
    Workload w = DevopsWorkload.generate(rows, 42, 4096);
    BenchTable table =
        new BenchTable(
            String.format(Locale.ROOT, "Devops, %,d rows (100 hosts x 10 metrics, 10 s)", rows),
            "DuckDB");
    try (ColumnPartition hot = new ColumnPartition("cpu", w.schema(), Config.defaults());
        DuckDbPeer duck = new DuckDbPeer()) {
      duck.threads(1);
      duck.create("cpu", w.schema());
      System.gc();
      long heapBefore = usedHeap();
      long hotLoad = loadHot(hot, w);
      long duckLoad = duck.load("cpu", w);
      table.add("load (append + merge)", "rows/s", perSec(w.rows(), hotLoad),
          perSec(w.rows(), duckLoad), Better.HIGHER, 4.0);
      long hotBytes = hot.memoryUsage().totalBytes();
      long duckBytes = duck.tableMemoryBytes();
      table.add("memory (accounted)", "bytes/row", (double) hotBytes / w.rows(),
          (double) duckBytes / w.rows(), Better.LOWER, 1.5);
      System.gc();
      double heapPerRow = (double) (usedHeap() - heapBefore) / w.rows();
      System.out.printf(Locale.ROOT, "hot heap growth incl. generator garbage: %.1f bytes/row%n",
          heapPerRow);

      long t0 = DevopsWorkload.START_MICROS + (rows / DevopsWorkload.HOSTS / 2) * DevopsWorkload.TICK_MICROS;
      long t1 = t0 + 12 * HOUR;
      long snapshot = Long.MAX_VALUE - 1;
      for (int threads = 1; threads <= 2; threads++) {
        duck.threads(threads);
        int p = threads;
        // (a) average of one metric per host
        AggregateSpec a =
            AggregateSpec.of(List.of(GroupKey.column("host")), AggregateCall.avg("usage_user"));
        String aSql = "SELECT host, avg(usage_user) FROM cpu GROUP BY host";
        compare(table, "(a) avg by host, " + threads + "T",
            () -> hot.aggregate(ScanRequest.at(snapshot), a, p), aSql, duck);
        // (b) max of 5 metrics per host per hour over 12 hours
        AggregateSpec b =
            AggregateSpec.of(
                List.of(GroupKey.column("host"), GroupKey.timeBucket("ts", HOUR)),
                AggregateCall.max("usage_user"),
                AggregateCall.max("usage_system"),
                AggregateCall.max("usage_idle"),
                AggregateCall.max("usage_nice"),
                AggregateCall.max("usage_iowait"));
        Expr window = Expr.and(Expr.ge("ts", t0), Expr.lt("ts", t1));
        String bSql =
            "SELECT host, time_bucket(INTERVAL 1 HOUR, ts) h, max(usage_user), max(usage_system),"
                + " max(usage_idle), max(usage_nice), max(usage_iowait) FROM cpu WHERE ts >= "
                + sqlTs(t0) + " AND ts < " + sqlTs(t1) + " GROUP BY host, h";
        compare(table, "(b) 5x max by host, hour; 12 h, " + threads + "T",
            () -> hot.aggregate(ScanRequest.at(snapshot).withFilter(window), b, p), bSql, duck);
        // (c) count of rows above a threshold
        AggregateSpec c = AggregateSpec.of(List.of(), AggregateCall.countStar());
        String cSql = "SELECT count(*) FROM cpu WHERE usage_user > 90";
        compare(table, "(c) count where usage_user > 90, " + threads + "T",
            () -> hot.aggregate(ScanRequest.at(snapshot).withFilter(Expr.gt("usage_user", 90.0)), c, p),
            cSql, duck);
      }
    }
    return table.render();
  }

  private String flightsMemory() throws SQLException {
    System.out.println("loading " + flights + " ...");
    Workload w = FlightsWorkload.load(flights, 4096);
    BenchTable table =
        new BenchTable(String.format(Locale.ROOT, "Flights, %,d rows", w.rows()), "DuckDB");
    try (ColumnPartition hot = new ColumnPartition("flights", w.schema(), Config.defaults());
        DuckDbPeer duck = new DuckDbPeer()) {
      duck.threads(1);
      duck.create("flights", w.schema());
      long hotLoad = loadHot(hot, w);
      long duckLoad = duck.load("flights", w);
      table.add("load (append + merge)", "rows/s", perSec(w.rows(), hotLoad),
          perSec(w.rows(), duckLoad), Better.HIGHER, 4.0);
      table.add("memory (accounted)", "bytes/row", (double) hot.memoryUsage().totalBytes() / w.rows(),
          (double) duck.tableMemoryBytes() / w.rows(), Better.LOWER, 0.5);
    }
    return table.render();
  }

  /** One commit per batch, as a bulk loader would; then one delta merge. */
  private static long loadHot(ColumnPartition hot, Workload w) {
    long start = System.nanoTime();
    long cid = 0;
    for (ColumnBatch b : w.batches()) {
      hot.insert(++cid, b);
    }
    hot.mergeDelta(cid);
    return System.nanoTime() - start;
  }

  private void compare(
      BenchTable table,
      String what,
      Supplier<AggregateResult> hotQuery,
      String sql,
      DuckDbPeer duck)
      throws SQLException {
    List<Object[]> hotRows = hotQuery.get().rows();
    List<Object[]> duckRows = duck.query(sql);
    check(what, hotRows, duckRows);
    long[] hotTimes = new long[runs];
    long[] duckTimes = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      hotQuery.get().rows();
      hotTimes[i] = System.nanoTime() - t;
      t = System.nanoTime();
      duck.query(sql);
      duckTimes[i] = System.nanoTime() - t;
    }
    table.add(what, "ms", median(hotTimes) / 1e6, median(duckTimes) / 1e6, Better.LOWER, 2.0);
  }

  /** Same groups, same values (doubles to 1e-9 relative: summation order differs). */
  private static void check(String what, List<Object[]> hot, List<Object[]> duck) {
    if (hot.size() != duck.size()) {
      throw new IllegalStateException(
          what + ": Thermocline returned " + hot.size() + " rows, DuckDB " + duck.size());
    }
    double hotSum = checksum(hot);
    double duckSum = checksum(duck);
    if (Math.abs(hotSum - duckSum) > 1e-9 * Math.max(1, Math.abs(duckSum))) {
      throw new IllegalStateException(
          what + ": answers differ, checksum " + hotSum + " vs DuckDB " + duckSum);
    }
  }

  private static double checksum(List<Object[]> rows) {
    double sum = 0;
    for (Object[] r : rows) {
      for (Object v : r) {
        if (v instanceof Number n && !(v instanceof Long && ((Long) v) > 1_000_000_000_000L)) {
          sum += n.doubleValue();
        }
      }
    }
    return sum;
  }

  private static String sqlTs(long micros) {
    Timestamp t = new Timestamp(micros / 1000);
    return "TIMESTAMP '" + t.toInstant().toString().replace('T', ' ').replace("Z", "") + "'";
  }

  private static double median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double perSec(long rows, long nanos) {
    return rows / (nanos / 1e9);
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
