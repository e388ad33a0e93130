package io.thermocline.sql.jdbc;

import static io.thermocline.sql.testing.JdbcRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
 * GROUP BY with COUNT/SUM/MIN/MAX/AVG runs in the engine: EXPLAIN names the engine aggregate, and
 * on random data with nulls the results equal Calcite's own aggregation (forced by a filter the
 * translator cannot push, {@code id + 0 >= 0}).
 */
class AggregatePushDownTest {
  @TempDir Path dir;

  @Test
  void groupByAggregatesRunInTheEngineAndAgreeWithCalcite() throws SQLException {
    long seed = Long.getLong("thermo.seed", new Random().nextLong());
    System.out.println("AggregatePushDownTest seed " + seed);
    Random r = new Random(seed);
    try (Connection c = DriverManager.getConnection("jdbc:thermocline:file:" + dir)) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE HYBRID TABLE m (id BIGINT PRIMARY KEY, g VARCHAR(4), k INTEGER, v INTEGER,"
                + " d DOUBLE, amt DECIMAL(10,2), dt DATE)");
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < 400; i++) {
          ps.setLong(1, i);
          ps.setObject(2, r.nextInt(6) == 0 ? null : "g" + r.nextInt(4));
          ps.setObject(3, r.nextInt(6) == 0 ? null : r.nextInt(3));
          ps.setObject(4, r.nextInt(5) == 0 ? null : r.nextInt(1000) - 500);
          ps.setObject(5, r.nextInt(5) == 0 ? null : r.nextInt(64) / 4.0);
          ps.setObject(6, r.nextInt(5) == 0 ? null : BigDecimal.valueOf(r.nextInt(100000), 2));
          ps.setObject(
              7,
              r.nextInt(5) == 0
                  ? null
                  : java.sql.Date.valueOf(
                      java.time.LocalDate.of(2024, 5, 1).plusDays(r.nextInt(9))));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      String select =
          "SELECT g, k, COUNT(*), COUNT(v), SUM(v), MIN(v), MAX(v), SUM(amt), MIN(amt), MAX(dt),"
              + " AVG(d), SUM(d), MIN(g) FROM m";
      String order = " GROUP BY g, k ORDER BY g, k";
      String plan = String.join("\n", rows(c, "EXPLAIN PLAN FOR " + select + order));
      assertThat(plan).as("seed %d", seed).contains("engine aggregate");
      assertThat(rows(c, select + order))
          .as("seed %d", seed)
          .isEqualTo(rows(c, select + " WHERE id + 0 >= 0" + order));
      String where = " WHERE v > 0 AND g IS NOT NULL";
      assertThat(String.join("\n", rows(c, "EXPLAIN PLAN FOR " + select + where + order)))
          .contains("engine aggregate");
      assertThat(rows(c, select + where + order))
          .as("seed %d", seed)
          .isEqualTo(rows(c, select + where + " AND id + 0 >= 0" + order));
      // No GROUP BY, no rows: one row, COUNT 0 and NULLs.
      assertThat(rows(c, "SELECT COUNT(*), SUM(v), MAX(amt) FROM m WHERE v > 100000"))
          .containsExactly("0|null|null|");
    }
  }
}
