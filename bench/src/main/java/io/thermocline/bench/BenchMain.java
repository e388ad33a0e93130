package io.thermocline.bench;

import io.thermocline.bench.cold.ColdStoreBench;
import io.thermocline.bench.engine.EngineBench;
import io.thermocline.bench.hot.HotStoreBench;
import io.thermocline.bench.series.SeriesBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * Entry point of {@code bench/}: {@code BenchMain hot|cold|engine|jdbc|restart|commit [--rows N]
 * [--runs N] [--flights PATH | --no-flights]} or {@code BenchMain series [--data DIR] [--points N]
 * [--seed N] [--block N] [--runs N] [--sample N]}. Prints Markdown tables and also writes them to
 * {@code bench-results/}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    if (args[0].equals("seriestable")) {
      write("seriestable", io.thermocline.bench.series.SeriesTableBench.fromArgs(args).run());
      return;
    }
    if (args[0].equals("series")) {
      // Its own options; the results file gets TsFile's search matrix as an appendix.
      SeriesBench.Report series = SeriesBench.fromArgs(args).run();
      write("series", series.summary() + "\n" + series.appendix());
      return;
    }
    long rows = 10_000_000L;
    boolean rowsGiven = false;
    int runs = 5;
    Path flights = Path.of("../shared/data/flights-3m.parquet");
    if (!Files.exists(flights)) {
      flights = Path.of("../../shared/data/flights-3m.parquet");
    }
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> {
          rows = Long.parseLong(args[++i].replace("_", ""));
          rowsGiven = true;
        }
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--flights" -> flights = Path.of(args[++i]);
        case "--no-flights" -> flights = null;
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    String report;
    switch (args[0]) {
      case "hot" -> report = new HotStoreBench(rows, runs, flights).run();
      case "cold" -> report = new ColdStoreBench(requireFile(flights), runs).run();
      case "engine" -> report = new EngineBench(rowsGiven ? rows : 1_000_000L, runs).run();
      case "jdbc" ->
          report =
              new io.thermocline.bench.jdbc.JdbcBench(rowsGiven ? rows : 1_000_000L, runs).run();
      case "aging" ->
          report =
              new io.thermocline.bench.aging.AgingBench(
                      rows, 100_000, java.time.Duration.ofSeconds(20))
                  .run();
      case "restart" ->
          report =
              new io.thermocline.bench.durability.RestartBench(rows, Math.max(1, rows / 20)).run();
      case "commit" -> report = new io.thermocline.bench.durability.CommitBench(runs).run();
      case "jmh" -> report = io.thermocline.bench.jmh.MicroBench.run();
      case "backup" ->
          report =
              new io.thermocline.bench.backup.BackupBench(
                      rowsGiven ? rows : 3_000_000L, Math.min(runs, 3))
                  .run();
      default -> {
        usage();
        return;
      }
    }
    write(args[0], report);
  }

  private static Path requireFile(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      System.err.println("data file not found: " + file + " (use --flights PATH)");
      System.exit(1);
    }
    return file;
  }

  private static void usage() {
    System.err.println(
        "usage: BenchMain hot|cold|engine|jdbc|restart|commit|backup|jmh [--rows N] [--runs N] [--flights PATH | --no-flights]\n"
            + "       BenchMain series [--data DIR] [--points N] [--seed N] [--block N] [--runs N]"
            + " [--sample N]");
    System.exit(2);
  }

  /** Prints the report and keeps a copy in bench-results/NAME-TIMESTAMP.md. */
  static void write(String name, String report) throws java.io.IOException {
    System.out.println();
    System.out.println(report);
    Path dir = Path.of("bench-results");
    Files.createDirectories(dir);
    Path file = dir.resolve(name + "-" + LocalDateTime.now().toString().replace(':', '-') + ".md");
    Files.writeString(file, report);
    System.out.println("written to " + file.toAbsolutePath());
  }
}
