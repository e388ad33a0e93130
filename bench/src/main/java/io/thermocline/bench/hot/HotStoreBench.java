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
import io.thermocline.hotstore.HotStoreSettings;
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
    long t0 =
        DevopsWorkload.START_MICROS
            + (rows / DevopsWorkload.HOSTS / 2) * DevopsWorkload.TICK_MICROS;
    long t1 = t0 + 12 * HOUR;
    warmUp(w, t0, t1);
    for (int threads = 1; threads <= 2; threads++) {
      // Fresh pairs per thread count: the load (merge, checkpoint) is measured at that count too.
      Loaded loaded = load(table, threads, "cpu", w, 1.5);
      try (ColumnPartition hot = loaded.hot();
          DuckDbPeer duck = loaded.duck()) {
        queries(table, threads, hot, duck, t0, t1);
      }
    }
    return table.render();
  }

  /**
   * Loads a tenth of the rows into throwaway instances and runs the queries once, so the JIT has
   * compiled Thermocline's loops before anything is timed (DuckDB is native; it gets the same
   * pass).
   */
  private void warmUp(Workload w, long t0, long t1) throws SQLException {
    int n = Math.max(1, w.batches().size() / 10);
    Workload part = new Workload(w.name(), w.schema(), w.batches().subList(0, n), (long) n * 4096);
    System.out.println("warming up on " + part.rows() + " rows...");
    for (int threads = 1; threads <= 2; threads++) {
      try (ColumnPartition hot = new ColumnPartition("warm", w.schema(), config(threads));
          DuckDbPeer duck = new DuckDbPeer()) {
        duck.threads(threads);
        duck.create("cpu", w.schema());
        appendHot(hot, part);
        hot.mergeDelta(n);
        duck.load("cpu", part);
        queries(new BenchTable("warm-up", "DuckDB"), threads, hot, duck, t0, t1);
      }
    }
  }

  private void queries(
      BenchTable table, int threads, ColumnPartition hot, DuckDbPeer duck, long t0, long t1)
      throws SQLException {
    long snapshot = Long.MAX_VALUE - 1;
    int p = threads;
    // (a) average of one metric per host
    AggregateSpec a =
        AggregateSpec.of(List.of(GroupKey.column("host")), AggregateCall.avg("usage_user"));
    String aSql = "SELECT host, avg(usage_user) FROM cpu GROUP BY host";
    compare(
        table,
        "(a) avg by host, " + threads + "T",
        () -> hot.aggregate(ScanRequest.at(snapshot), a, p),
        aSql,
        duck);
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
            + sqlTs(t0)
            + " AND ts < "
            + sqlTs(t1)
            + " GROUP BY host, h";
    compare(
        table,
        "(b) 5x max by host, hour; 12 h, " + threads + "T",
        () -> hot.aggregate(ScanRequest.at(snapshot).withFilter(window), b, p),
        bSql,
        duck);
    // (c) count of rows above a threshold
    AggregateSpec c = AggregateSpec.of(List.of(), AggregateCall.countStar());
    String cSql = "SELECT count(*) FROM cpu WHERE usage_user > 90";
    compare(
        table,
        "(c) count where usage_user > 90, " + threads + "T",
        () -> hot.aggregate(ScanRequest.at(snapshot).withFilter(Expr.gt("usage_user", 90.0)), c, p),
        cSql,
        duck);
  }

  private String flightsMemory() throws SQLException {
    System.out.println("loading " + flights + " ...");
    Workload w = FlightsWorkload.load(flights, 4096);
    BenchTable table =
        new BenchTable(String.format(Locale.ROOT, "Flights, %,d rows", w.rows()), "DuckDB");
    Loaded loaded = load(table, 1, "flights", w, 0.5);
    loaded.hot().close();
    loaded.duck().close();
    return table.render();
  }

  /** Fresh instances loaded by {@link #load}; the caller closes them. */
  private record Loaded(ColumnPartition hot, DuckDbPeer duck) {}

  private static final int LOAD_RUNS = 3;

  /**
   * Loads both systems {@value #LOAD_RUNS} times into fresh instances (after a GC, so no earlier
   * garbage is collected inside a timed section) and records medians in three lines. "append": rows
   * are queryable (Thermocline: in the delta; DuckDB: Appender closed). "append + compress":
   * Thermocline also merges the delta into the dictionary-encoded main, DuckDB also runs
   * CHECKPOINT, which compresses its row groups. "memory": bytes/row each system accounts after
   * compressing. The last pair is returned for the queries.
   */
  private Loaded load(BenchTable table, int threads, String name, Workload w, double memoryTarget)
      throws SQLException {
    long[] hotAppend = new long[LOAD_RUNS];
    long[] hotTotal = new long[LOAD_RUNS];
    long[] duckAppend = new long[LOAD_RUNS];
    long[] duckTotal = new long[LOAD_RUNS];
    ColumnPartition hot = null;
    DuckDbPeer duck = null;
    for (int run = 0; run < LOAD_RUNS; run++) {
      if (hot != null) {
        hot.close();
        duck.close();
      }
      hot = new ColumnPartition(name, w.schema(), config(threads));
      System.gc();
      hotAppend[run] = appendHot(hot, w);
      long t = System.nanoTime();
      hot.mergeDelta(w.batches().size());
      hotTotal[run] = hotAppend[run] + System.nanoTime() - t;
      duck = new DuckDbPeer();
      duck.threads(threads);
      duck.create(name, w.schema());
      System.gc();
      duckAppend[run] = duck.load(name, w);
      t = System.nanoTime();
      duck.execute("CHECKPOINT");
      duckTotal[run] = duckAppend[run] + System.nanoTime() - t;
    }
    String suffix = ", " + threads + "T";
    table.add(
        "load: append" + suffix,
        "rows/s",
        perSec(w.rows(), (long) median(hotAppend)),
        perSec(w.rows(), (long) median(duckAppend)),
        Better.HIGHER,
        4.0);
    table.add(
        "load: append + compress" + suffix,
        "rows/s",
        perSec(w.rows(), (long) median(hotTotal)),
        perSec(w.rows(), (long) median(duckTotal)),
        Better.HIGHER,
        4.0);
    table.add(
        "memory after compress" + suffix,
        "bytes/row",
        (double) hot.memoryUsage().totalBytes() / w.rows(),
        (double) duck.tableMemoryBytes() / w.rows(),
        Better.LOWER,
        memoryTarget);
    return new Loaded(hot, duck);
  }

  private static Config config(int threads) {
    return Config.defaults()
        .with(HotStoreSettings.MERGE_PARALLELISM, threads)
        .with(HotStoreSettings.SCAN_PARALLELISM, threads);
  }

  /** One commit per batch, as a bulk loader would. */
  private static long appendHot(ColumnPartition hot, Workload w) {
    long start = System.nanoTime();
    long cid = 0;
    for (ColumnBatch b : w.batches()) {
      hot.insert(++cid, b);
    }
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
}
