package io.thermocline.bench.cold;

import io.thermocline.bench.peer.DuckDbPeer;
import io.thermocline.bench.report.BenchTable;
import io.thermocline.bench.report.BenchTable.Better;
import io.thermocline.coldstore.ColdStore;
import io.thermocline.coldstore.ColdTable;
import io.thermocline.coldstore.ParquetImport;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Issue 3's bench: {@code flights-3m.parquet} imported into the cold tier; a full-scan aggregate, a
 * one-week selective query and a point query, each against DuckDB reading the very same cold
 * Parquet files; bytes on disk against the source file and DuckDB's own ZSTD export. Answers are
 * cross-checked before anything is timed.
 */
public final class ColdStoreBench {
  private final Path flights;
  private final int runs;

  public ColdStoreBench(Path flights, int runs) {
    this.flights = flights;
    this.runs = runs;
  }

  public String run() throws Exception {
    Path dir = Files.createTempDirectory("thermo-cold-bench");
    try {
      return measure(dir);
    } finally {
      deleteTree(dir);
    }
  }

  private String measure(Path dir) throws Exception {
    BenchTable table = new BenchTable("Cold tier, flights 3,000,000 rows", "DuckDB");
    try (ColdStore store = ColdStore.open(dir.resolve("data"), Config.defaults());
        DuckDbPeer duck = new DuckDbPeer()) {
      Schema schema = ParquetImport.schemaOf(flights.toUri(), new Configuration());
      ColdTable cold = store.table("flights", schema);
      long t = System.nanoTime();
      long rows = ParquetImport.importFile(cold, 1, flights.toUri());
      double importSeconds = (System.nanoTime() - t) / 1e9;
      System.out.printf(Locale.ROOT, "imported %,d rows in %.1f s%n", rows, importSeconds);

      List<Path> files = parquetFiles(dir.resolve("data"));
      long coldBytes = files.stream().mapToLong(ColdStoreBench::size).sum();
      Path export = dir.resolve("duckdb-export.parquet");
      duck.execute(
          "COPY (SELECT * FROM read_parquet('"
              + flights.toAbsolutePath()
              + "')) TO '"
              + export
              + "' (FORMAT parquet, COMPRESSION zstd)");
      table.add(
          "bytes on disk vs DuckDB ZSTD export",
          "bytes/row",
          (double) coldBytes / rows,
          (double) size(export) / rows,
          Better.LOWER,
          1.1);
      System.out.printf(
          Locale.ROOT,
          "bytes/row: cold %.2f, source file %.2f, DuckDB export %.2f (%d cold files)%n",
          (double) coldBytes / rows,
          (double) size(flights) / rows,
          (double) size(export) / rows,
          files.size());

      String source =
          "read_parquet(["
              + files.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "))
              + "])";
      duck.threads(1);
      long snapshot = 1;

      AggregateSpec byOrigin =
          AggregateSpec.of(List.of(GroupKey.column("origin")), AggregateCall.avg("delay"));
      compare(
          table,
          "full scan: avg(delay) by origin",
          () -> cold.aggregate(ScanRequest.at(snapshot), byOrigin).rows(),
          "SELECT origin, avg(delay) FROM " + source + " GROUP BY origin",
          duck,
          3.0);

      long weekStart = micros(LocalDateTime.of(2001, 3, 5, 0, 0));
      long weekEnd = weekStart + ChronoUnit.WEEKS.getDuration().toNanos() / 1000;
      AggregateSpec week =
          AggregateSpec.of(
              List.of(),
              AggregateCall.countStar(),
              AggregateCall.avg("delay"),
              AggregateCall.max("distance"));
      compare(
          table,
          "one week: count, avg(delay), max(distance)",
          () ->
              cold.aggregate(
                      ScanRequest.at(snapshot)
                          .withFilter(
                              Expr.and(Expr.ge("date", weekStart), Expr.lt("date", weekEnd))),
                      week)
                  .rows(),
          "SELECT count(*), avg(delay), max(distance) FROM "
              + source
              + " WHERE date >= make_timestamp("
              + weekStart
              + ") AND date < make_timestamp("
              + weekEnd
              + ")",
          duck,
          2.0);

      long point = micros(LocalDateTime.of(2001, 3, 15, 10, 0));
      compare(
          table,
          "point: origin = 'LAS' and date = 2001-03-15 10:00",
          () ->
              rowsOf(
                  cold,
                  ScanRequest.at(snapshot)
                      .withFilter(Expr.and(Expr.eq("origin", "LAS"), Expr.eq("date", point)))),
          "SELECT * FROM "
              + source
              + " WHERE origin = 'LAS' AND date = make_timestamp("
              + point
              + ")",
          duck,
          Double.NaN);
    }
    return table.render();
  }

  private static List<Object[]> rowsOf(ColdTable cold, ScanRequest request) {
    List<Object[]> out = new java.util.ArrayList<>();
    try (BatchCursor cursor = cold.scan(request)) {
      for (ColumnBatch b = cursor.next(); b != null; b = cursor.next()) {
        out.addAll(b.rows());
      }
    }
    return out;
  }

  private void compare(
      BenchTable table,
      String what,
      Supplier<List<Object[]>> thermo,
      String sql,
      DuckDbPeer duck,
      double target)
      throws SQLException {
    List<Object[]> ours = thermo.get();
    List<Object[]> theirs = duck.query(sql);
    if (ours.size() != theirs.size()) {
      throw new IllegalStateException(
          what + ": Thermocline returned " + ours.size() + " rows, DuckDB " + theirs.size());
    }
    long[] a = new long[runs];
    long[] b = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      thermo.get();
      a[i] = System.nanoTime() - t;
      t = System.nanoTime();
      duck.query(sql);
      b[i] = System.nanoTime() - t;
    }
    table.add(what, "ms", median(a) / 1e6, median(b) / 1e6, Better.LOWER, target);
  }

  private static long micros(LocalDateTime t) {
    return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t);
  }

  private static double median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static List<Path> parquetFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
