package io.thermocline.bench.series;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.series.SeriesLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Series tables against ordinary ones on the same rows: heap bytes per row of the merged hot main
 * (series blocks vs dictionaries), bytes of the cold Parquet files the engine writes when the rows
 * age, and hot scan and aggregate speed of both partitions. Datasets: synthetic sensors
 * (one-decimal random walks, one point a second) and the Seattle hourly normals CSV (one series,
 * three values). {@code BenchMain seriestable [--sensors N] [--points N] [--data DIR] [--runs N]}.
 * Single-threaded.
 */
public final class SeriesTableBench {
  private final int sensors;
  private final int points;
  private final Path data;
  private final int runs;

  public SeriesTableBench(int sensors, int points, Path data, int runs) {
    this.sensors = sensors;
    this.points = points;
    this.data = data;
    this.runs = runs;
  }

  /** Parses {@code --sensors --points --data --runs} (after the bench name). */
  public static SeriesTableBench fromArgs(String[] args) {
    int sensors = 100;
    int points = 10_000;
    Path data = Path.of("../shared/data");
    if (!Files.isDirectory(data)) {
      data = Path.of("../../shared/data");
    }
    int runs = 5;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--sensors" -> sensors = Integer.parseInt(args[++i]);
        case "--points" -> points = Integer.parseInt(args[++i].replace("_", ""));
        case "--data" -> data = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new SeriesTableBench(sensors, points, data, runs);
  }

  /** One dataset as table rows: key column, period column, value columns (storage values). */
  record Dataset(String name, Schema schema, long increment, List<Object[]> rows, int values) {}

  public String run() throws IOException {
    List<Dataset> sets = new ArrayList<>();
    sets.add(sensors());
    Path csv = data.resolve("seattle-weather-hourly-normals.csv");
    if (!Files.isRegularFile(csv)) {
      throw new IllegalStateException("data file not found: " + csv.toAbsolutePath());
    }
    sets.add(weather(csv));
    StringBuilder out = new StringBuilder("## Series tables vs ordinary tables\n\n");
    out.append(
        "| dataset | rows | values/row | series hot B/row | dictionary hot B/row | cold Parquet"
            + " B/row | series/dictionary | series/Parquet |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    StringBuilder speed =
        new StringBuilder(
            "\n| dataset | query | series Mrows/s | dictionary Mrows/s | series/dictionary |\n"
                + "|---|---|---:|---:|---:|\n");
    for (Dataset d : sets) {
      measure(d, out, speed);
    }
    return out.append(speed).toString();
  }

  private Dataset sensors() {
    Schema schema =
        Schema.of(
            Column.notNull("sensor", DataType.INTEGER),
            Column.notNull("ts", DataType.TIMESTAMP),
            Column.nullable("value", DataType.DOUBLE));
    List<Object[]> rows = new ArrayList<>(sensors * points);
    for (int s = 0; s < sensors; s++) {
      BenchSeries walk = SeriesDatasets.randomWalk(points, 42 + s);
      for (int i = 0; i < walk.points(); i++) {
        rows.add(new Object[] {(long) s, walk.timestamps()[i], walk.values()[i]});
      }
    }
    return new Dataset(
        "synthetic " + sensors + " sensors", schema, SeriesDatasets.SECOND_MICROS, rows, 1);
  }

  private static Dataset weather(Path csv) {
    List<BenchSeries> cols = SeriesDatasets.fromCsv(csv, "hourly", SeriesDatasets.HOUR_MICROS);
    List<Column> columns = new ArrayList<>();
    columns.add(Column.notNull("station", DataType.varchar(16)));
    columns.add(Column.notNull("ts", DataType.TIMESTAMP));
    for (BenchSeries c : cols) {
      columns.add(Column.nullable(c.name(), DataType.DOUBLE));
    }
    BenchSeries first = cols.get(0);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < first.gridCount(); i++) {
      long ts = first.start() + i * first.increment();
      Object[] r = new Object[columns.size()];
      r[0] = "SEATTLE";
      r[1] = ts;
      boolean any = false;
      for (int c = 0; c < cols.size(); c++) {
        r[2 + c] = valueAt(cols.get(c), ts);
        any |= r[2 + c] != null;
      }
      if (any) {
        rows.add(r);
      }
    }
    return new Dataset(
        "Seattle hourly normals",
        new Schema(columns, List.of(), "ts"),
        SeriesDatasets.HOUR_MICROS,
        rows,
        cols.size());
  }

  private static Double valueAt(BenchSeries s, long ts) {
    int i = java.util.Arrays.binarySearch(s.timestamps(), ts);
    return i < 0 ? null : s.values()[i];
  }

  private void measure(Dataset d, StringBuilder sizes, StringBuilder speed) throws IOException {
    Config config = Config.defaults();
    String key = d.schema().column(0).name();
    SeriesLayout layout = SeriesLayout.of(d.schema(), List.of(key), "ts", d.increment());
    try (ColumnPartition series = new ColumnPartition("series", d.schema(), config, layout);
        ColumnPartition plain = new ColumnPartition("plain", d.schema(), config)) {
      series.insertRows(1, d.rows());
      long seriesMerge = series.mergeDelta(1).nanos();
      plain.insertRows(1, d.rows());
      long plainMerge = plain.mergeDelta(1).nanos();
      double n = d.rows().size();
      double seriesB = series.memoryUsage().mainBytes() / n;
      double plainB = plain.memoryUsage().mainBytes() / n;
      double coldB = coldBytes(d) / n;
      sizes.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %d | %.3f | %.3f | %.3f | %.2f | %.2f |%n",
              d.name(),
              d.rows().size(),
              d.values(),
              seriesB,
              plainB,
              coldB,
              seriesB / plainB,
              seriesB / coldB));
      String value = d.schema().column(2).name();
      long lo = (Long) d.rows().get(0)[1];
      Expr window = Expr.between("ts", lo + 1_000 * d.increment(), lo + 2_000 * d.increment());
      List<Query> queries =
          List.of(
              new Query("full scan", p -> scanRows(p, ScanRequest.at(1))),
              new Query("scan ts window", p -> scanRows(p, ScanRequest.at(1).withFilter(window))),
              new Query(
                  "SUM/MAX(" + value + ") GROUP BY " + key,
                  p ->
                      p.aggregate(
                              ScanRequest.at(1),
                              AggregateSpec.of(
                                  List.of(GroupKey.column(key)),
                                  AggregateCall.sum(value),
                                  AggregateCall.max(value)),
                              1)
                          .groupCount()),
              new Query(
                  "AVG(" + value + ") over ts window",
                  p ->
                      p.aggregate(
                              ScanRequest.at(1).withFilter(window),
                              AggregateSpec.of(List.of(), AggregateCall.avg(value)),
                              1)
                          .groupCount()));
      speed.append(
          String.format(
              Locale.ROOT,
              "| %s | delta merge (once, cold JIT) | %.1f | %.1f | %.2f |%n",
              d.name(),
              n / (seriesMerge / 1e3),
              n / (plainMerge / 1e3),
              (double) plainMerge / seriesMerge));
      MedianTimer timer = new MedianTimer(2, runs);
      for (Query q : queries) {
        double s = timer.pointsPerSecond(d.rows().size(), () -> q.run(series));
        double p = timer.pointsPerSecond(d.rows().size(), () -> q.run(plain));
        speed.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.1f | %.1f | %.2f |%n",
                d.name(),
                q.name(),
                s / 1e6,
                p / 1e6,
                s / p));
      }
    }
  }

  /** A query over one partition; returns something so it cannot be optimized away. */
  private record Query(String name, QueryBody body) {
    long run(ColumnPartition p) {
      return body.run(p);
    }
  }

  private interface QueryBody {
    long run(ColumnPartition p);
  }

  private static long scanRows(ColumnPartition p, ScanRequest r) {
    long n = 0;
    try (BatchCursor c = p.scan(r)) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        n += b.rowCount();
      }
    }
    return n;
  }

  /** Bytes of the Parquet files a hybrid series table writes when all of {@code d} ages. */
  private static long coldBytes(Dataset d) throws IOException {
    Path dir = Files.createTempDirectory("thermo-series-bench");
    try {
      Config config =
          Config.defaults()
              .with(EngineSettings.MAINTENANCE_ENABLED, false)
              .with(ColdSettings.SYNC_METADATA, false);
      try (Database db = Thermocline.open(dir, config);
          Session s = db.session()) {
        String key = d.schema().column(0).name();
        s.createTable(
            TableDefinition.hybrid("t", d.schema())
                .withSeries(new SeriesSpec(List.of(key), "ts", d.increment(), true)));
        List<Object[]> rows = new ArrayList<>(d.rows().size());
        for (Object[] r : d.rows()) {
          Object[] full = java.util.Arrays.copyOf(r, r.length + 1);
          full[r.length] = 1L;
          rows.add(full);
        }
        s.insertBatch(
            "t", io.thermocline.engine.table.RowBatches.fromRows(db.table("t").schema(), rows));
        while (db.moveBatch("t", MoveDirection.TO_COLD, 1_000_000) > 0) {
          // all rows are flagged: move until none is left
        }
        return db.tableStats("t").coldBytes();
      }
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
