package io.thermocline.bench;

import io.thermocline.bench.hot.HotStoreBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * Entry point of {@code bench/}: {@code BenchMain hot [--rows N] [--runs N] [--flights PATH |
 * --no-flights]}. Prints Markdown tables and also writes them to {@code bench-results/}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].equals("hot")) {
      System.err.println(
          "usage: BenchMain hot [--rows N] [--runs N] [--flights PATH | --no-flights]");
      System.exit(2);
    }
    long rows = 10_000_000L;
    int runs = 5;
    Path flights = Path.of("../shared/data/flights-3m.parquet");
    if (!Files.exists(flights)) {
      flights = Path.of("../../shared/data/flights-3m.parquet");
    }
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--flights" -> flights = Path.of(args[++i]);
        case "--no-flights" -> flights = null;
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    String report = new HotStoreBench(rows, runs, flights).run();
    System.out.println();
    System.out.println(report);
    Path dir = Path.of("bench-results");
    Files.createDirectories(dir);
    Path file = dir.resolve("hot-" + LocalDateTime.now().toString().replace(':', '-') + ".md");
    Files.writeString(file, report);
    System.out.println("written to " + file.toAbsolutePath());
  }
}
