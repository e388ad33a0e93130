package io.thermocline.sql.conformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltTestFile;

/**
 * Runs sqllogictest files (resources of the sql-logic-test jar, parsed with its PostgreSQL
 * skipif/onlyif policy, as Calcite runs them) against one database kind, a fresh database per file,
 * and totals the results. Thread-safe: files of one run may execute concurrently (each on its own
 * database), and the runs of all database kinds may share one parsed file, which they only read.
 */
final class SltRun {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Opens a fresh, empty database for one test file. */
  interface Databases {
    Connection open(String file) throws Exception;
  }

  private final String name;
  private final Databases databases;
  // Guarded by this.
  private final List<BatchingSltExecutor.Failure> failures = new ArrayList<>();
  private int passed;
  private int failed;
  private long nanos;
  private long cpuNanos;

  SltRun(String name, Databases databases) {
    this.name = name;
    this.databases = databases;
  }

  String name() {
    return name;
  }

  synchronized int passed() {
    return passed;
  }

  synchronized int failed() {
    return failed;
  }

  synchronized long millis() {
    return nanos / 1_000_000;
  }

  /** The failures so far, by file (one file's in the order they occurred). */
  synchronized List<BatchingSltExecutor.Failure> failures() {
    List<BatchingSltExecutor.Failure> sorted = new ArrayList<>(failures);
    sorted.sort(Comparator.comparing(BatchingSltExecutor.Failure::file));
    return sorted;
  }

  synchronized double passRate() {
    int total = passed + failed;
    return total == 0 ? 0.0 : 100.0 * passed / total;
  }

  /** Parses {@code file} (a path inside the jar, e.g. {@code test/select1.test}). */
  static SltTestFile parse(String file) throws Exception {
    SltTestFile test = new SltTestFile(file);
    test.parse(options());
    return test;
  }

  /** Runs a parsed file, checking its first {@code maxQueries} queries. */
  void run(SltTestFile test, int maxQueries) throws Exception {
    OptionsParser.SuppliedOptions options = options();
    long start = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    try (Connection c = databases.open(test.toString())) {
      BatchingSltExecutor executor = new BatchingSltExecutor(options, c, maxQueries);
      executor.execute(test, options);
      synchronized (this) {
        passed += executor.passed();
        failed += executor.failed();
        failures.addAll(executor.failures());
        nanos += System.nanoTime() - start;
        cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
      }
    }
  }

  /**
   * Totals and the time in this run's tasks: wall clock and the CPU time of the task threads
   * themselves (what the JIT compiler threads spend on Janino's generated classes is not in it).
   */
  synchronized String summary() {
    return String.format(
        "%-12s %6d passed %6d failed  %6.2f%%  %6.1f s (CPU %6.1f s)",
        name, passed, failed, passRate(), nanos / 1e9, cpuNanos / 1e9);
  }

  private static OptionsParser.SuppliedOptions options() {
    return new OptionsParser(false, quiet(), quiet()).getOptions();
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
