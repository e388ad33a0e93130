package io.thermocline.sql.schema;

import static io.thermocline.sql.testing.JdbcRows.database;
import static io.thermocline.sql.testing.JdbcRows.explain;
import static io.thermocline.sql.testing.JdbcRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.testkit.TestSeed;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Filter, projection, GROUP BY aggregate and ORDER BY ... LIMIT reach the engine on hot, cold and
 * hybrid tables (EXPLAIN says so, per tier), and on random data with nulls the SQL results equal
 * the engine API's (or Calcite's own evaluation where a non-pushable term forces it).
 */
class PushDownTest {
  private static final long BASE_MILLIS = 1_700_000_000_000L;
  private static final int ROWS = 700;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"HOT", "HYBRID", "COLD"})
  void pushedShapesShowInExplainAndAgreeWithTheEngine(String kind) throws SQLException {
    long seed = TestSeed.resolve("PushDownTest." + kind);
    Random r = new Random(seed);
    try (Connection c = DriverManager.getConnection("jdbc:thermocline:file:" + dir)) {
      String ddl =
          "CREATE "
              + (kind.equals("HYBRID") ? "HYBRID " : "")
              + "TABLE m (id BIGINT PRIMARY KEY, ts TIMESTAMP NOT NULL, host VARCHAR(8),"
              + " v DOUBLE, k INTEGER)"
              + (kind.equals("COLD") ? " USING EXTENDED STORAGE" : "")
              // A hot-only table has no cold partitions, hence no time column: no windows.
              + (kind.equals("HOT") ? "" : " COLD PARTITION BY MONTH(ts)");
      try (Statement s = c.createStatement()) {
        s.execute(ddl);
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < ROWS; i++) {
        order.add(i);
      }
      Collections.shuffle(order, r);
      String insert =
          kind.equals("HYBRID")
              ? "INSERT INTO m (id, ts, host, v, k, \"_aged\") VALUES (?, ?, ?, ?, ?, ?)"
              : "INSERT INTO m (id, ts, host, v, k) VALUES (?, ?, ?, ?, ?)";
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        for (int i = 0; i < ROWS; i++) {
          int t = order.get(i);
          ps.setLong(1, i);
          ps.setTimestamp(2, new Timestamp(BASE_MILLIS + t * 60_000L));
          ps.setObject(3, r.nextInt(6) == 0 ? null : "h" + r.nextInt(5));
          ps.setObject(4, r.nextInt(5) == 0 ? null : r.nextInt(200) / 4.0);
          ps.setObject(5, r.nextInt(5) == 0 ? null : r.nextInt(10));
          if (kind.equals("HYBRID")) {
            // The older half ages: it goes cold below, the newer half stays hot.
            ps.setBoolean(6, t < ROWS / 2);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
      Database db = database(c);
      if (kind.equals("HYBRID")) {
        assertThat(db.moveBatch("M", MoveDirection.TO_COLD, ROWS)).isEqualTo(ROWS / 2);
      }

      String filterPlan = explain(c, "SELECT id, v FROM m WHERE k > 4");
      assertThat(filterPlan).contains("filters=[[>($4, 4)]]").contains("projects=[[0, 3]]");

      String aggPlan = explain(c, "SELECT host, COUNT(*), MIN(k), MAX(v) FROM m GROUP BY host");
      assertThat(aggPlan).contains("engine aggregate(group=[HOST]");

      String topPlan = explain(c, "SELECT id, ts FROM m WHERE k > 2 ORDER BY ts DESC LIMIT 10");
      assertThat(topPlan)
          .contains("engine topN(")
          .contains("topN=[TS DESC], 10)")
          .contains("filter=[>($4, 2)]");
      assertThat(topPlan.contains("hot=[")).isEqualTo(!kind.equals("COLD"));
      assertThat(topPlan.contains("cold=[")).isEqualTo(!kind.equals("HOT"));
      assertThat(topPlan).contains(kind.equals("HOT") ? "partial top-N]" : "pruned by TS window");

      try (Session session = db.session()) {
        int x = r.nextInt(10);
        // Filter + projection against the engine's scan.
        List<String> sqlRows = rows(c, "SELECT id, v FROM m WHERE k > " + x + " ORDER BY id");
        List<String> engineRows = new ArrayList<>();
        List<Object[]> raw =
            session.rows(
                "M",
                List.of("ID", "V"),
                new Expr.Compare(CompareOp.GT, new Expr.ColumnRef("K", -1), new Expr.Literal(x)));
        raw.sort(Comparator.comparingLong(o -> (Long) o[0]));
        for (Object[] o : raw) {
          engineRows.add(o[0] + "|" + o[1] + "|");
        }
        assertThat(sqlRows).as("seed %d", seed).isEqualTo(engineRows);

        // Top-N on the time column against all engine rows sorted here.
        int n = 1 + r.nextInt(40);
        List<Object[]> all = session.rows("M", List.of("ID", "TS"), null);
        all.sort(Comparator.comparingLong((Object[] o) -> (Long) o[1]).reversed());
        List<String> expected = new ArrayList<>();
        for (Object[] o : all.subList(0, n)) {
          expected.add(o[0] + "|" + ((Long) o[1] / 1000) + "|");
        }
        List<String> got = new ArrayList<>();
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT id, ts FROM m ORDER BY ts DESC LIMIT " + n)) {
          while (rs.next()) {
            got.add(rs.getLong(1) + "|" + rs.getTimestamp(2).getTime() + "|");
          }
        }
        // getTime() is the local wall clock read as UTC by the driver; compare offsets only.
        assertThat(got).as("seed %d", seed).hasSize(n);
        assertThat(ids(got)).as("seed %d", seed).isEqualTo(ids(expected));
      }

      // Top-N on nullable non-time keys, both directions, against Calcite's own sort (the
      // non-pushable MOD(id, 7) >= 0 keeps the Sort above a Calcite filter).
      for (String keys : List.of("v, id", "v DESC, id", "host DESC, k, id", "k DESC, ts")) {
        int n = 1 + r.nextInt(60);
        String pushed = "SELECT id, v, host, k FROM m ORDER BY " + keys + " LIMIT " + n;
        String reference =
            "SELECT id, v, host, k FROM m WHERE MOD(id, 7) >= 0 ORDER BY " + keys + " LIMIT " + n;
        assertThat(explain(c, pushed)).contains("engine topN(");
        assertThat(explain(c, reference)).doesNotContain("engine topN(");
        assertThat(rows(c, pushed)).as("seed %d, %s", seed, pushed).isEqualTo(rows(c, reference));
      }
      // Aggregates against Calcite's own aggregation.
      String agg = "SELECT host, COUNT(*), COUNT(v), MIN(k), MAX(k), SUM(k) FROM m";
      assertThat(rows(c, agg + " GROUP BY host ORDER BY host"))
          .as("seed %d", seed)
          .isEqualTo(rows(c, agg + " WHERE MOD(id, 7) >= 0 GROUP BY host ORDER BY host"));
    }
  }

  private static List<String> ids(List<String> rows) {
    List<String> out = new ArrayList<>();
    for (String row : rows) {
      out.add(row.substring(0, row.indexOf('|')));
    }
    return out;
  }
}
