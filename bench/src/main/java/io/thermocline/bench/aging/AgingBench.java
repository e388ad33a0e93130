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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Issue 8's bench: {@code rows} devops rows in a hybrid table whose rule ({@code ts <
 * CURRENT_TIMESTAMP - INTERVAL '1' DAY}) matches every row; one manual aging run flags them (in
 * bounded UPDATEs) and moves them all cold in batches of {@code batchRows}, while a reporting query
 * (count, avg and max per host over the whole table) loops on another thread. Reported: the run's
 * rows/s, and the query's p50/p99 before aging (all hot), during the run (split into the flagging
 * and the moving phase, told apart by the first cold row), and after it (all cold). Every answer is
 * checked against the all-hot answer, so the invariant is checked while rows move.
 */
public final class AgingBench {
  private static final String TABLE = "cpu";
  private final long rows;
  private final int batchRows;
  private final Duration phase;

  public AgingBench(long rows, int batchRows, Duration phase) {
    this.rows = rows;
    this.batchRows = batchRows;
    this.phase = phase;
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
      aging.setOptions(
          TABLE, aging.options(TABLE).withMaxRowsPerRun(Long.MAX_VALUE).withBatchRows(batchRows));
      Map<Object, Object[]> reference = answer(s, report);
      System.out.printf(Locale.ROOT, "loaded %,d rows in %.1f s%n", rows, loadSeconds);

      long[] before = loop(db, report, reference, phase);
      System.out.println("baseline done: " + describe(before));

      QueryLoop during = new QueryLoop(db, report, reference);
      Thread q = new Thread(during, "reporting-query");
      AtomicLong firstCold = new AtomicLong();
      AtomicBoolean done = new AtomicBoolean();
      Thread watch = new Thread(() -> watchTiers(db, firstCold, done), "tier-watch");
      long start = System.nanoTime();
      q.start();
      watch.start();
      AgingRun run = aging.runNow(TABLE);
      long end = System.nanoTime();
      done.set(true);
      during.stop();
      q.join();
      watch.join();
      if (during.failure != null) {
        throw during.failure;
      }
      double runSeconds = (end - start) / 1e9;
      long movesFrom = firstCold.get() == 0 ? end : firstCold.get();
      long[] all = during.latencies(start, end);
      long[] flagging = during.latencies(start, movesFrom);
      long[] moving = during.latencies(movesFrom, end);
      TableStats st = db.tableStats(TABLE);
      System.out.println("aging done: " + run + " " + st);

      db.runMaintenance();
      long[] after = loop(db, report, reference, phase);

      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "### Aging %,d devops rows (rule on time; %,d rows per move batch)%n%n",
              rows,
              batchRows));
      out.append("| run | rows to cold | seconds | rows/s | flagging s | moving s |\n");
      out.append("|---|---:|---:|---:|---:|---:|\n");
      out.append(
          String.format(
              Locale.ROOT,
              "| one manual run | %,d | %.1f | %,.0f | %.1f | %.1f |%n%n",
              run.rowsToCold(),
              runSeconds,
              run.rowsToCold() / runSeconds,
              (movesFrom - start) / 1e9,
              (end - movesFrom) / 1e9));
      out.append(
          "Reporting query: count, avg(usage_user), max(usage_idle) by host, whole table.\n\n");
      out.append("| phase | queries | p50 ms | p99 ms | max ms | p50 vs before |\n");
      out.append("|---|---:|---:|---:|---:|---:|\n");
      double base = percentile(before, 0.5);
      row(out, "before aging (all hot)", before, base);
      row(out, "during the run", all, base);
      row(out, "  - while flagging", flagging, base);
      row(out, "  - while moving", moving, base);
      row(out, "after aging (all cold)", after, base);
      out.append(
          String.format(
              Locale.ROOT,
              "%nTarget: p50 during aging < 1.30 x before. Load: %.1f s. Final tiers: %,d hot,"
                  + " %,d cold rows in %d files (%,d bytes).%n",
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

  /** Polls the cold row count to tell when the first move committed. */
  private static void watchTiers(Database db, AtomicLong firstCold, AtomicBoolean done) {
    while (!done.get() && firstCold.get() == 0) {
      if (db.tableStats(TABLE).coldRows() > 0) {
        firstCold.set(System.nanoTime());
        return;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
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
