package io.thermocline.sql.jdbc;

import static io.thermocline.sql.testing.JdbcRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filters and projections pushed into the engine scan: EXPLAIN shows them, and on random data with
 * nulls the pushed query returns what Calcite computes itself when the filter cannot be pushed
 * ({@code col + 0} hides the column from the translator).
 */
class FilterPushDownTest {
  @TempDir Path dir;

  @Test
  void explainShowsPushedFilterAndProjection() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:thermocline:file:" + dir);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v INTEGER, name VARCHAR(8))");
      String plan =
          String.join("\n", rows(c, "EXPLAIN PLAN FOR SELECT id FROM t WHERE v > 3 AND v < 9"));
      assertThat(plan).contains("BindableTableScan").contains("filters=").contains("projects=");
    }
  }

  @Test
  void pushedFiltersAgreeWithCalciteOnRandomDataWithNulls() throws SQLException {
    long seed = Long.getLong("thermo.seed", new Random().nextLong());
    System.out.println("FilterPushDownTest seed " + seed);
    Random r = new Random(seed);
    try (Connection c = DriverManager.getConnection("jdbc:thermocline:file:" + dir)) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE HYBRID TABLE t (id BIGINT PRIMARY KEY, v INTEGER, d DOUBLE, dt DATE,"
                + " amt DECIMAL(10,2))");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?)")) {
        for (int i = 0; i < 300; i++) {
          ps.setLong(1, i);
          ps.setObject(2, r.nextInt(5) == 0 ? null : r.nextInt(20));
          ps.setObject(3, r.nextInt(5) == 0 ? null : r.nextInt(200) / 10.0);
          ps.setObject(
              4,
              r.nextInt(5) == 0
                  ? null
                  : java.sql.Date.valueOf(
                      java.time.LocalDate.of(2024, 1, 1).plusDays(r.nextInt(30))));
          ps.setObject(
              5, r.nextInt(5) == 0 ? null : java.math.BigDecimal.valueOf(r.nextInt(10000), 2));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      String[] ops = {"=", "<>", "<", "<=", ">", ">="};
      for (int q = 0; q < 40; q++) {
        String op = ops[r.nextInt(ops.length)];
        int k = r.nextInt(20);
        String[][] shapes = {
          {"v " + op + " " + k, "v + 0 " + op + " " + k},
          {"d " + op + " " + (k / 2.0), "d + 0 " + op + " " + (k / 2.0)},
          {"amt " + op + " " + k + ".5", "amt + 0 " + op + " " + k + ".5"},
          {
            "dt " + op + " DATE '2024-01-" + (10 + k) + "'",
            "dt + INTERVAL '0' DAY " + op + " DATE '2024-01-" + (10 + k) + "'"
          },
          {"v IS NULL OR v IN (1, 2, " + k + ")", "v + 0 IS NULL OR v + 0 IN (1, 2, " + k + ")"},
          {"NOT (v BETWEEN 3 AND " + k + ")", "NOT (v + 0 BETWEEN 3 AND " + k + ")"},
        };
        String[] shape = shapes[r.nextInt(shapes.length)];
        String pushed = "SELECT id, v, d, dt, amt FROM t WHERE " + shape[0] + " ORDER BY id";
        String kept = "SELECT id, v, d, dt, amt FROM t WHERE " + shape[1] + " ORDER BY id";
        assertThat(rows(c, pushed)).as("seed %d: %s", seed, shape[0]).isEqualTo(rows(c, kept));
      }
    }
  }
}
