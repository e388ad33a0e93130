package io.thermocline.bench.aging;

import io.thermocline.aging.AgingRun;
import io.thermocline.aging.AgingService;
import io.thermocline.bench.workload.DevopsWorkload;
import io.thermocline.bench.workload.Workload;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.config.Config;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.AgingRule;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.table.TableStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 8's bench: {@code rows} devops rows in a hybrid table whose rule ({@code ts <
 * CURRENT_TIMESTAMP - INTERVAL '1' DAY}) matches every row; {@code bench.aging.segments} (5) manual
 * runs each flag-and-move 1/segments of them in batches of {@code batchRows} (paced to {@code
 * bench.aging.throttle} rows/s, 0 = off) while a reporting query (count, avg and max per host over
 * the whole table) loops on another thread; after each run the query loops alone for {@code
 * bench.aging.idle.seconds} (8). Reported: rows/s over the run time, and the query's p50 with aging
 * running against its p50 without at the same hot/cold split, plus before (all hot) and after (all
 * cold). Every answer is checked against the all-hot answer, so the invariant is checked while rows
 * move. Single-threaded driver; the query loop is the only other thread.
 */
public final class AgingBench {
  private static final String TABLE = "cpu";
  private static final int SEGMENTS = Integer.getInteger("bench.aging.segments", 5);
  private final long rows;
  private final int batchRows;
  private final Duration phase;
  private final Duration idleWindow;
  private final long throttle = Long.getLong("bench.aging.throttle", 0L);

  public AgingBench(long rows, int batchRows, Duration phase) {
    this.rows = rows;
    this.batchRows = Integer.getInteger("bench.aging.batch.rows", batchRows);
    this.phase = phase;
    this.idleWindow = Duration.ofSeconds(Long.getLong("bench.aging.idle.seconds", 8L));
  }

  public String run() throws Exception {
    Path dir = Files.createTempDirectory("thermo-aging-bench");
    try {
      return measure(dir.resolve("db"));
    } finally {
      deleteTree(dir);
    }
  }

  private String measure(Path dir) throws Exception {
    AggregateSpec report =
        AggregateSpec.of(
            List.of(GroupKey.column("host")),
            AggregateCall.countStar(),
            AggregateCall.avg("usage_user"),
            AggregateCall.max("usage_idle"));
    try (Database db = Thermocline.open(dir, Config.defaults());
        Session s = db.session()) {
      long t0 = System.nanoTime();
      load(db, s);
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      AgingService aging =
          AgingService.of(db)
              .orElseThrow(() -> new IllegalStateException("the aging extension did not attach"));
      long perRun = (rows + SEGMENTS - 1) / SEGMENTS;
      aging.setOptions(
          TABLE,
          aging
              .options(TABLE)
              .withMaxRowsPerRun(perRun)
              .withBatchRows(batchRows)
              .withThrottle(throttle));
      Map<Object, Object[]> reference = answer(s, report);
      System.out.printf(Locale.ROOT, "loaded %,d rows in %.1f s%n", rows, loadSeconds);

      long[] before = loop(db, report, reference, phase);
      System.out.println("baseline done: " + describe(before));

      // Runs of rows/SEGMENTS rows, each followed by an idle window: the query's latency with
      // aging running is compared with its latency without, at (nearly) the same hot/cold split,
      // since a whole-table query gets slower as rows turn cold whether aging runs or not.
      List<long[]> during = new ArrayList<>();
      List<long[]> idle = new ArrayList<>();
      double[] runSeconds = new double[SEGMENTS];
      long[] runRows = new long[SEGMENTS];
      long toCold = 0;
      long flagged = 0;
      for (int i = 0; i < SEGMENTS; i++) {
        QueryLoop q = new QueryLoop(db, report, reference);
        Thread qt = new Thread(q, "reporting-query");
        qt.start();
        long start = System.nanoTime();
        AgingRun run = aging.runNow(TABLE);
        long end = System.nanoTime();
        q.stop();
        qt.join();
        if (q.failure != null) {
          throw q.failure;
        }
        during.add(q.latencies(start, end));
        runSeconds[i] = (end - start) / 1e9;
        runRows[i] = run.rowsToCold();
        toCold += run.rowsToCold();
        flagged += run.rowsFlagged();
        idle.add(loop(db, report, reference, idleWindow));
        System.out.printf(
            Locale.ROOT,
            "segment %d: %s; during %s; idle %s%n",
            i + 1,
            run,
            describe(during.get(i)),
            describe(idle.get(i)));
      }
      TableStats st = db.tableStats(TABLE);
      db.runMaintenance();
      long[] after = loop(db, report, reference, phase);

      double totalRunSeconds = Arrays.stream(runSeconds).sum();
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "### Aging %,d devops rows (rule on time; flag-and-move; %,d rows per move batch;"
                  + " throttle %s)%n%n",
              rows,
              batchRows,
              throttle == 0 ? "off" : String.format(Locale.ROOT, "%,d rows/s", throttle)));
      out.append("| runs | rows to cold | rows flagged | run seconds | rows/s |\n");
      out.append("|---:|---:|---:|---:|---:|\n");
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %,d | %,d | %.1f | %,.0f |%n%n",
              SEGMENTS,
              toCold,
              flagged,
              totalRunSeconds,
              toCold / totalRunSeconds));
      out.append(
          "Reporting query: count, avg(usage_user), max(usage_idle) by host, whole table. Each run"
              + " moves 1/"
              + SEGMENTS
              + " of the rows; the idle window after it measures the same query with aging"
              + " stopped. Baseline of a run = mean p50 of the idle windows on either side.\n\n");
      out.append(
          "| segment | rows | s | queries during | p50 during ms | p99 during ms | p50 idle"
              + " after ms | p50 during vs idle |\n");
      out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      double[] ratios = new double[SEGMENTS];
      double prevIdle = percentile(before, 0.5);
      for (int i = 0; i < SEGMENTS; i++) {
        double p50 = percentile(during.get(i), 0.5);
        double idleP50 = percentile(idle.get(i), 0.5);
        double base = (prevIdle + idleP50) / 2;
        ratios[i] = p50 / base;
        out.append(
            String.format(
                Locale.ROOT,
                "| %d | %,d | %.1f | %d | %.1f | %.1f | %.1f | %+.0f %% |%n",
                i + 1,
                runRows[i],
                runSeconds[i],
                during.get(i).length,
                p50 / 1e6,
                percentile(during.get(i), 0.99) / 1e6,
                idleP50 / 1e6,
                (ratios[i] - 1) * 100));
        prevIdle = idleP50;
      }
      long[] allDuring = during.stream().flatMapToLong(Arrays::stream).toArray();
      long[] allIdle = idle.stream().flatMapToLong(Arrays::stream).toArray();
      double[] sortedRatios = ratios.clone();
      Arrays.sort(sortedRatios);
      out.append("\n| phase | queries | p50 ms | p99 ms | max ms | p50 vs before |\n");
      out.append("|---|---:|---:|---:|---:|---:|\n");
      double base = percentile(before, 0.5);
      row(out, "before aging (all hot)", before, base);
      row(out, "aging running (all runs)", allDuring, base);
      row(out, "aging stopped (idle windows)", allIdle, base);
      row(out, "after aging (all cold, merged)", after, base);
      out.append(
          String.format(
              Locale.ROOT,
              "%nTarget: p50 with aging running < 1.30 x without. Per-run ratio: median %+.0f %%,"
                  + " worst %+.0f %%; all runs vs all idle windows: %+.0f %%. Load: %.1f s. Final"
                  + " tiers: %,d hot, %,d cold rows in %d files (%,d bytes).%n",
              (sortedRatios[SEGMENTS / 2] - 1) * 100,
              (sortedRatios[SEGMENTS - 1] - 1) * 100,
              (percentile(allDuring, 0.5) / percentile(allIdle, 0.5) - 1) * 100,
              loadSeconds,
              st.hotRows(),
              st.coldRows(),
              st.coldFiles(),
              st.coldBytes()));
      return out.toString();
    }
  }

  private void load(Database db, Session s) {
    Workload w = DevopsWorkload.generate(rows, 42, 4096);
    s.createTable(
        TableDefinition.hybrid(TABLE, w.schema())
            .withAgingRule(AgingRule.parse("ts < CURRENT_TIMESTAMP - INTERVAL '1' DAY")));
    for (ColumnBatch b : w.batches()) {
      s.insertBatch(TABLE, b);
    }
    db.runMaintenance();
  }

  /** Runs the query for {@code d} on this thread; returns the latencies in nanoseconds. */
  private static long[] loop(
      Database db, AggregateSpec spec, Map<Object, Object[]> reference, Duration d)
      throws Exception {
    QueryLoop l = new QueryLoop(db, spec, reference);
    long end = System.nanoTime() + d.toNanos();
    l.untilNanos = end;
    l.run();
    if (l.failure != null) {
      throw l.failure;
    }
    return l.latencies(0, Long.MAX_VALUE);
  }

  static Map<Object, Object[]> answer(Session s, AggregateSpec spec) {
    Map<Object, Object[]> m = new HashMap<>();
    for (Object[] r : s.aggregate(TABLE, null, spec).rows()) {
      m.put(r[0], r);
    }
    return m;
  }

  /** The reporting query in a loop, each answer checked; latencies with their start times. */
  private static final class QueryLoop implements Runnable {
    private final Database db;
    private final AggregateSpec spec;
    private final Map<Object, Object[]> reference;
    private final List<long[]> samples = new ArrayList<>();
    private volatile boolean stopped;
    private long untilNanos = Long.MAX_VALUE;
    private volatile Exception failure;

    QueryLoop(Database db, AggregateSpec spec, Map<Object, Object[]> reference) {
      this.db = db;
      this.spec = spec;
      this.reference = reference;
    }

    void stop() {
      stopped = true;
    }

    @Override
    public void run() {
      try (Session s = db.session()) {
        while (!stopped && System.nanoTime() < untilNanos) {
          long t = System.nanoTime();
          Map<Object, Object[]> a = answer(s, spec);
          long took = System.nanoTime() - t;
          check(a);
          synchronized (samples) {
            samples.add(new long[] {t, took});
          }
        }
      } catch (Exception e) {
        failure = e;
      }
    }

    private void check(Map<Object, Object[]> a) {
      if (a.size() != reference.size()) {
        throw new IllegalStateException(a.size() + " hosts, expected " + reference.size());
      }
      for (Map.Entry<Object, Object[]> e : a.entrySet()) {
        Object[] want = reference.get(e.getKey());
        Object[] got = e.getValue();
        if (want == null
            || !want[1].equals(got[1])
            || Math.abs(((Number) want[2]).doubleValue() - ((Number) got[2]).doubleValue())
                > 1e-9 * Math.max(1, Math.abs(((Number) want[2]).doubleValue()))
            || !want[3].equals(got[3])) {
          throw new IllegalStateException(
              "host "
                  + e.getKey()
                  + ": "
                  + Arrays.toString(got)
                  + ", expected "
                  + Arrays.toString(want));
        }
      }
    }

    /** Latencies of the queries started in {@code [from, to)}. */
    long[] latencies(long from, long to) {
      synchronized (samples) {
        return samples.stream()
            .filter(x -> x[0] >= from && x[0] < to)
            .mapToLong(x -> x[1])
            .toArray();
      }
    }
  }

  private static void row(StringBuilder out, String phase, long[] ns, double base) {
    if (ns.length == 0) {
      out.append("| ").append(phase).append(" | 0 | | | | |\n");
      return;
    }
    double p50 = percentile(ns, 0.5);
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %.1f | %.1f | %.1f | %+.0f %% |%n",
            phase,
            ns.length,
            p50 / 1e6,
            percentile(ns, 0.99) / 1e6,
            percentile(ns, 1.0) / 1e6,
            (p50 / base - 1) * 100));
  }

  private static String describe(long[] ns) {
    return String.format(
        Locale.ROOT,
        "%d queries, p50 %.1f ms, p99 %.1f ms",
        ns.length,
        percentile(ns, 0.5) / 1e6,
        percentile(ns, 0.99) / 1e6);
  }

  /** Nearest-rank percentile of {@code ns} ({@code q} in (0, 1]). */
  static double percentile(long[] ns, double q) {
    if (ns.length == 0) {
      return Double.NaN;
    }
    long[] s = ns.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(q * s.length);
    return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
