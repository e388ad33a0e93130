package io.thermocline.sql.conformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltTestFile;

/**
 * Runs sqllogictest files (resources of the sql-logic-test jar, parsed with its PostgreSQL
 * skipif/onlyif policy, as Calcite runs them) against one database kind, a fresh database per file,
 * and totals the results. Not thread-safe; one run per instance.
 */
final class SltRun {
  /** Opens a fresh, empty database for one test file. */
  interface Databases {
    Connection open(String file) throws Exception;
  }

  private final String name;
  private final Databases databases;
  private final List<BatchingSltExecutor.Failure> failures = new ArrayList<>();
  private int passed;
  private int failed;
  private long nanos;

  SltRun(String name, Databases databases) {
    this.name = name;
    this.databases = databases;
  }

  String name() {
    return name;
  }

  int passed() {
    return passed;
  }

  int failed() {
    return failed;
  }

  long millis() {
    return nanos / 1_000_000;
  }

  List<BatchingSltExecutor.Failure> failures() {
    return failures;
  }

  double passRate() {
    int total = passed + failed;
    return total == 0 ? 0.0 : 100.0 * passed / total;
  }

  /** Runs {@code file} (a path inside the jar, e.g. {@code test/select1.test}). */
  void run(String file) throws Exception {
    run(file, Integer.MAX_VALUE);
  }

  /** Runs {@code file}, checking its first {@code maxQueries} queries. */
  void run(String file, int maxQueries) throws Exception {
    OptionsParser.SuppliedOptions options = new OptionsParser(false, quiet(), quiet()).getOptions();
    SltTestFile test = new SltTestFile(file);
    test.parse(options);
    long start = System.nanoTime();
    try (Connection c = databases.open(file)) {
      BatchingSltExecutor executor = new BatchingSltExecutor(options, c, maxQueries);
      executor.execute(test, options);
      passed += executor.passed();
      failed += executor.failed();
      failures.addAll(executor.failures());
    }
    nanos += System.nanoTime() - start;
  }

  String summary() {
    return String.format(
        "%-12s %6d passed %6d failed  %6.2f%%  %6.1f s",
        name, passed, failed, passRate(), nanos / 1e9);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
