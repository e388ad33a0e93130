package io.thermocline.engine.series;

import static io.thermocline.engine.series.SeriesTestDb.METER;
import static io.thermocline.engine.series.SeriesTestDb.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.testkit.TestSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HYBRID series table end to end: on-grid rows with missing elements go hot, merge into a series
 * main of encoded blocks, move to cold Parquet (readable by DuckDB) and back, and scans and
 * aggregates always equal a reference; a restart (checkpoint plus log tail) brings back a series
 * partition with the same rows and the same uniqueness index. Randomized; prints its seed.
 */
class SeriesTableTest {
  private static final long MICROS_2024 = 1_704_067_200_000_000L;

  @TempDir Path dir;

  /** meter -> quarter -> {kwh, volts} (user values), the reference. */
  private final Map<Integer, TreeMap<Long, double[]>> reference = new TreeMap<>();

  private List<Object[]> generate(Random random, int meter, long from, long to) {
    List<Object[]> rows = new ArrayList<>();
    double kwh = random.nextInt(100);
    for (long q = from; q < to; q++) {
      kwh = Math.round((kwh + random.nextDouble()) * 10) / 10.0;
      if (random.nextInt(20) == 0) {
        continue;
      }
      double volts = 230 + random.nextInt(5);
      rows.add(new Object[] {meter, at(q), kwh, volts, false});
      reference.computeIfAbsent(meter, m -> new TreeMap<>()).put(q, new double[] {kwh, volts});
    }
    return rows;
  }

  private List<String> expectedRows() {
    List<String> out = new ArrayList<>();
    reference.forEach(
        (m, series) ->
            series.forEach(
                (q, v) ->
                    out.add(
                        m
                            + "|"
                            + (MICROS_2024 + q * SeriesTestDb.QUARTER_HOUR)
                            + "|"
                            + v[0]
                            + "|"
                            + v[1])));
    out.sort(null);
    return out;
  }

  private static List<String> actualRows(Session s) {
    List<String> out = new ArrayList<>();
    for (Object[] r : s.rows(METER, List.of("meter_id", "ts", "kwh", "volts"), null)) {
      out.add(r[0] + "|" + r[1] + "|" + r[2] + "|" + r[3]);
    }
    out.sort(null);
    return out;
  }

  private void checkAggregates(Session s, long seed) {
    AggregateSpec spec =
        AggregateSpec.of(
            List.of(GroupKey.column("meter_id")),
            AggregateCall.countStar(),
            AggregateCall.max("kwh"),
            AggregateCall.min("ts"),
            AggregateCall.sum("volts"));
    Map<Long, Object[]> got = new TreeMap<>();
    for (Object[] r : s.aggregate(METER, null, spec).rows()) {
      got.put((Long) r[0], r);
    }
    assertThat(got.keySet())
        .as("seed %d", seed)
        .containsExactlyElementsOf(
            reference.keySet().stream().map(Long::valueOf).collect(Collectors.toList()));
    reference.forEach(
        (m, series) -> {
          Object[] r = got.get((long) m);
          double maxKwh = series.values().stream().mapToDouble(v -> v[0]).max().orElseThrow();
          double sumVolts = series.values().stream().mapToDouble(v -> v[1]).sum();
          long minTs = MICROS_2024 + series.firstKey() * SeriesTestDb.QUARTER_HOUR;
          assertThat(r[1])
              .as("count of meter %d, seed %d", m, seed)
              .isEqualTo((long) series.size());
          assertThat(r[2]).as("max kwh of meter %d, seed %d", m, seed).isEqualTo(maxKwh);
          assertThat(r[3]).as("min ts of meter %d, seed %d", m, seed).isEqualTo(minTs);
          assertThat((Double) r[4]).as("sum volts, seed %d", seed).isCloseTo(sumVolts, within());
        });
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }

  private static ColumnPartition hot(Database db) {
    return db.table(METER).hotPartition();
  }

  @Test
  void hybridSeriesTableMovesBetweenTiersAndSurvivesRestart() throws Exception {
    long seed =
        TestSeed.resolve("SeriesTableTest.hybridSeriesTableMovesBetweenTiersAndSurvivesRestart");
    System.out.println("[seed=" + seed + "]");
    Random random = new Random(seed);
    try (Database db = Thermocline.open(dir, SeriesTestDb.config());
        Session s = db.session()) {
      s.createTable(SeriesTestDb.hybrid(SeriesTestDb.spec(true)));
      for (int m = 1; m <= 4; m++) {
        s.insertRows(METER, generate(random, m, 0, 3_000));
      }
      db.runMaintenance();
      assertThat(hot(db).seriesLayout()).isNotNull();
      assertThat(hot(db).seriesMain()).as("seed %d", seed).isNotNull();
      assertThat(hot(db).seriesMain().equidistantRuns()).isEqualTo(hot(db).seriesMain().runs());
      assertThat(actualRows(s)).as("seed %d", seed).containsExactlyElementsOf(expectedRows());
      checkAggregates(s, seed);

      // Age the first 2,000 quarters of every meter.
      Expr old = Expr.lt("ts", at(2_000));
      long aged = s.update(METER, old, Map.of("_aged", true));
      assertThat(db.moveBatch(METER, MoveDirection.TO_COLD, 1_000_000)).isEqualTo(aged);
      db.runMaintenance();
      assertThat(db.tableStats(METER).coldRows()).isEqualTo(aged);
      assertThat(actualRows(s)).as("seed %d", seed).containsExactlyElementsOf(expectedRows());
      checkAggregates(s, seed);
      assertThat(duckDbCount(dir)).as("cold Parquet rows read by DuckDB").isEqualTo(aged);

      // A cold element is still an element: a duplicate of it is refused.
      Object[] coldRow = s.rows(METER, null, Expr.lt("ts", at(2_000))).get(0);
      try {
        s.insert(
            METER,
            coldRow[0],
            at((((Long) coldRow[1]) - MICROS_2024) / SeriesTestDb.QUARTER_HOUR),
            1.0,
            1.0,
            false);
        throw new AssertionError("duplicate of a cold element accepted");
      } catch (ThermoException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.SERIES_VIOLATION);
      }

      // Recall meter 2's cold rows.
      long recalled =
          s.update(METER, Expr.and(old, Expr.eq("meter_id", 2L)), Map.of("_aged", false));
      assertThat(db.moveBatch(METER, MoveDirection.TO_HOT, 1_000_000)).isEqualTo(recalled);
      db.runMaintenance();
      assertThat(actualRows(s)).as("seed %d", seed).containsExactlyElementsOf(expectedRows());
      checkAggregates(s, seed);

      db.checkpoint();
      // A log tail after the checkpoint: new elements and a deleted one.
      s.insertRows(METER, generate(random, 5, 100, 400));
      s.delete(METER, Expr.and(Expr.eq("meter_id", 1L), Expr.eq("ts", at(2_500))));
      reference.get(1).remove(2_500L);
    }
    try (Database db = Thermocline.open(dir, SeriesTestDb.config());
        Session s = db.session()) {
      assertThat(hot(db).seriesLayout()).isNotNull();
      db.runMaintenance();
      assertThat(hot(db).seriesMain()).isNotNull();
      assertThat(actualRows(s)).as("seed %d", seed).containsExactlyElementsOf(expectedRows());
      checkAggregates(s, seed);
      Map.Entry<Long, double[]> e = reference.get(5).firstEntry();
      try {
        s.insert(METER, 5, at(e.getKey()), 1.0, 1.0, false);
        throw new AssertionError("duplicate accepted after restart");
      } catch (ThermoException x) {
        assertThat(x.getMessage()).contains("(meter_id)=(5)").contains("already has an element");
      }
      s.insert(METER, 1, at(2_500), 1.0, 1.0, false); // the deleted element may come back
    }
  }

  /** Rows of every cold Parquet file under the data directory, as DuckDB counts them. */
  private static long duckDbCount(Path dataDir) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      files = walk.filter(p -> p.toString().endsWith(".parquet")).collect(Collectors.toList());
    }
    assertThat(files).as("cold Parquet files under %s", dataDir).isNotEmpty();
    String list =
        files.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*), count(DISTINCT meter_id), min(ts) FROM read_parquet("
                    + list
                    + ")")) {
      rs.next();
      assertThat(rs.getLong(2)).isEqualTo(4);
      assertThat(rs.getObject(3)).as(Arrays.toString(files.toArray())).isNotNull();
      return rs.getLong(1);
    }
  }
}
