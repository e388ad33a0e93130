package io.thermocline.sql.schema;

import static io.thermocline.sql.testing.JdbcRows.database;
import static io.thermocline.sql.testing.JdbcRows.explain;
import static io.thermocline.sql.testing.JdbcRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.engine.move.MoveDirection;
import io.thermocline.testkit.TestSeed;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GROUP BY a time bucket (TIME_BUCKET with and without an origin, FLOOR(ts TO unit)) runs in the
 * engine's tiers as a bucket key, and on random data with null times and values equals Calcite's
 * own evaluation (forced by the non-pushable {@code MOD(id, 7) >= 0}); shapes the engine cannot
 * bucket exactly (sub-millisecond widths, calendar units) stay in Calcite.
 */
class TimeBucketPushDownTest {
  private static final long BASE_MILLIS = 1_700_000_123_457L;
  private static final int ROWS = 600;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"HOT", "HYBRID"})
  void timeBucketKeysRunInTheEngineAndAgreeWithCalcite(String kind) throws SQLException {
    long seed = TestSeed.resolve("TimeBucketPushDownTest." + kind);
    Random r = new Random(seed);
    try (Connection c = DriverManager.getConnection("jdbc:thermocline:file:" + dir)) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE "
                + (kind.equals("HYBRID") ? "HYBRID " : "")
                + "TABLE m (id BIGINT PRIMARY KEY, ts TIMESTAMP, host VARCHAR(8), v DOUBLE)");
      }
      String insert =
          kind.equals("HYBRID")
              ? "INSERT INTO m (id, ts, host, v, \"_aged\") VALUES (?, ?, ?, ?, ?)"
              : "INSERT INTO m (id, ts, host, v) VALUES (?, ?, ?, ?)";
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        for (int i = 0; i < ROWS; i++) {
          ps.setLong(1, i);
          // Times spread over ~3 days at millisecond precision; some NULL.
          ps.setTimestamp(
              2,
              r.nextInt(8) == 0
                  ? null
                  : new Timestamp(BASE_MILLIS + (long) (r.nextDouble() * 260_000_000L)));
          ps.setObject(3, r.nextInt(6) == 0 ? null : "h" + r.nextInt(4));
          ps.setObject(4, r.nextInt(5) == 0 ? null : r.nextInt(400) / 4.0);
          if (kind.equals("HYBRID")) {
            ps.setBoolean(5, i % 2 == 0);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
      if (kind.equals("HYBRID")) {
        assertThat(database(c).moveBatch("M", MoveDirection.TO_COLD, ROWS)).isEqualTo(ROWS / 2);
      }
      String[] pushed = {
        "TIME_BUCKET('1 HOUR', ts)",
        "TIME_BUCKET('15 MINUTE', ts)",
        "TIME_BUCKET('250 MILLISECOND', ts)",
        "TIME_BUCKET('1 DAY', ts, TIMESTAMP '2023-11-14 06:30:00')",
        "FLOOR(ts TO HOUR)",
        "FLOOR(ts TO MINUTE)",
        "FLOOR(ts TO DAY)",
      };
      for (String bucket : pushed) {
        String select =
            "SELECT host, " + bucket + " AS b, COUNT(*), COUNT(v), MAX(v), SUM(v) FROM m";
        String where = r.nextBoolean() ? "" : " WHERE v > " + r.nextInt(50);
        String group = " GROUP BY host, " + bucket + " ORDER BY host, b";
        assertThat(explain(c, select + where + group))
            .as(bucket)
            .contains("engine aggregate(group=[HOST, BUCKET(TS, ");
        String reference =
            select + (where.isEmpty() ? " WHERE" : where + " AND") + " MOD(id, 7) >= 0" + group;
        assertThat(explain(c, reference)).doesNotContain("engine aggregate");
        assertThat(rows(c, select + where + group))
            .as("seed %d, %s", seed, bucket)
            .isEqualTo(rows(c, reference));
      }
      // Bucket key alone, first in the output, no GROUP BY column.
      assertThat(
              rows(
                  c,
                  "SELECT FLOOR(ts TO HOUR) AS b, MIN(v) FROM m GROUP BY FLOOR(ts TO HOUR) ORDER BY b"))
          .as("seed %d", seed)
          .isEqualTo(
              rows(
                  c,
                  "SELECT FLOOR(ts TO HOUR) AS b, MIN(v) FROM m WHERE MOD(id, 7) >= 0"
                      + " GROUP BY FLOOR(ts TO HOUR) ORDER BY b"));
      for (String kept : List.of("TIME_BUCKET('1500 MICROSECOND', ts)", "FLOOR(ts TO MONTH)")) {
        assertThat(explain(c, "SELECT " + kept + ", COUNT(*) FROM m GROUP BY " + kept))
            .as(kept)
            .doesNotContain("engine aggregate");
      }
    }
  }
}
