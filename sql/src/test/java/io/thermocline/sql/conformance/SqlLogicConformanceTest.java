package io.thermocline.sql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.testkit.TestSeed;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.hydromatic.sqllogictest.SltTestFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's sqllogictest files through the embedded driver, with H2 and DuckDB run on the same files
 * in the same run as peers (one fresh database per file for each). select1-select5 (8,884 queries)
 * must all pass. The index sample is the first {@value #INDEX_SAMPLE_QUERIES} queries of each file
 * in {@link #INDEX_FILES} (all of them with -Plong) and must pass at H2's rate measured in the same
 * run (the sample also at least {@value #INDEX_FLOOR_PERCENT}%). {@code -Dthermo.slt.files=a,b}
 * runs only the named files on Thermocline.
 *
 * <p>Each file is parsed once for all three databases, and the (database, file) pairs run on a
 * thread per core, Thermocline's first as they take longest: every pair has its own database, so
 * they share nothing but the parsed file.
 */
class SqlLogicConformanceTest {
  static final List<String> SELECT_FILES =
      List.of(
          "test/select1.test",
          "test/select2.test",
          "test/select3.test",
          "test/select4.test",
          "test/select5.test");

  /** One file of each index family that needs no views (CREATE VIEW is not supported). */
  static final List<String> INDEX_FILES =
      List.of(
          "test/index/between/10/slt_good_0.test",
          "test/index/commute/10/slt_good_0.test",
          "test/index/in/10/slt_good_0.test",
          "test/index/orderby/10/slt_good_0.test",
          "test/index/orderby_nosort/10/slt_good_0.test",
          "test/index/random/10/slt_good_0.test",
          "test/index/delete/10/slt_good_0.test");

  static final int INDEX_SAMPLE_QUERIES = 200;

  /** The pass rate the sample must keep even if H2's drops (H2 passes all of it; not -Plong). */
  static final double INDEX_FLOOR_PERCENT = 100.0;

  @TempDir Path dir;
  private final AtomicInteger databases = new AtomicInteger();

  private List<SltRun> runs() {
    List<SltRun> runs = new ArrayList<>();
    runs.add(
        new SltRun(
            "thermocline",
            file ->
                DriverManager.getConnection(
                    "jdbc:thermocline:file:"
                        + Files.createDirectories(
                            dir.resolve("db" + databases.incrementAndGet())))));
    runs.add(
        new SltRun(
            "h2 2.5",
            file -> DriverManager.getConnection("jdbc:h2:mem:slt" + databases.incrementAndGet())));
    runs.add(new SltRun("duckdb 2.0", file -> DriverManager.getConnection("jdbc:duckdb:")));
    return runs;
  }

  /** Runs {@code files} on every run, each pair as a task of a pool with a thread per core. */
  private static void runAll(List<SltRun> runs, List<String> files, int maxQueries)
      throws Exception {
    long start = System.nanoTime();
    long cpu = processCpuNanos();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<SltTestFile> parsed = new ArrayList<>();
      for (String file : files) {
        parsed.add(SltRun.parse(file));
      }
      List<Future<?>> tasks = new ArrayList<>();
      for (SltRun run : runs) {
        for (SltTestFile test : parsed) {
          tasks.add(
              pool.submit(
                  () -> {
                    run.run(test, maxQueries);
                    return null;
                  }));
        }
      }
      for (Future<?> task : tasks) {
        task.get();
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "sqllogictest: %d files on %d databases in %.1f s wall clock, %.1f s CPU of the JVM"
            + " (JIT included), %d threads%n",
        files.size(),
        runs.size(),
        (System.nanoTime() - start) / 1e9,
        (processCpuNanos() - cpu) / 1e9,
        threads);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void report(String title, List<SltRun> runs) {
    System.out.println("sqllogictest " + title + " (seconds: time in each database's tasks)");
    for (SltRun run : runs) {
      System.out.println("  " + run.summary());
    }
    runs.get(0).failures().stream().limit(20).forEach(f -> System.out.println("  " + f));
  }

  @Test
  void everySelectQueryPasses() throws Exception {
    String only = System.getProperty("thermo.slt.files");
    List<SltRun> runs = only == null ? runs() : runs().subList(0, 1);
    runAll(runs, only == null ? SELECT_FILES : List.of(only.split(",")), Integer.MAX_VALUE);
    report("select1-5", runs);
    SltRun ours = runs.get(0);
    assertThat(ours.failed())
        .as("failed queries; first: %s", ours.failures().stream().limit(3).toList())
        .isZero();
  }

  @Test
  void indexSampleKeepsItsPassRate() throws Exception {
    int cap = TestSeed.longMode() ? Integer.MAX_VALUE : INDEX_SAMPLE_QUERIES;
    List<SltRun> runs = runs();
    runAll(runs, INDEX_FILES, cap);
    report("index sample (" + (cap == Integer.MAX_VALUE ? "all" : cap) + " queries/file)", runs);
    assertThat(runs.get(1).name()).startsWith("h2");
    assertThat(runs.get(0).passRate())
        .as("first failures: %s", runs.get(0).failures().stream().limit(3).toList())
        .isGreaterThanOrEqualTo(runs.get(1).passRate())
        .isGreaterThanOrEqualTo(cap == Integer.MAX_VALUE ? 0.0 : INDEX_FLOOR_PERCENT);
  }
}
