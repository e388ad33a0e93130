package io.thermocline.sql.schema;

import static io.thermocline.sql.testing.JdbcRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.engine.move.MoveDirection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regressions for the planner changes in {@link ThermoPrepare}, each on a hot, a cold and a hybrid
 * table (sqllogictest index/ found both): {@code x IN (sub-query)} under OR when the sub-query is
 * empty ({@link KeyedSemiJoinRules}), and unary plus on a character column ({@link
 * UnaryPlusStripper}). Expected rows are computed here from the inserted values.
 */
class PlannerRewriteTest {
  private static final long BASE_MILLIS = 1_700_000_000_000L;
  private static final int ROWS = 40;

  @TempDir Path dir;

  /**
   * Row i: k = i % 7 (null when i % 5 == 0), v = i / 2.0, name = "n" + i (null when i % 6 == 0).
   */
  private static Integer k(int i) {
    return i % 5 == 0 ? null : i % 7;
  }

  private static String name(int i) {
    return i % 6 == 0 ? null : "n" + i;
  }

  @ParameterizedTest
  @ValueSource(strings = {"HOT", "HYBRID", "COLD"})
  void inSubQueryUnderOrKeepsTheOtherBranchWhenTheSubQueryIsEmpty(String kind) throws SQLException {
    try (Connection c = open(kind)) {
      IntPredicate big = i -> i / 2.0 > 12.5;
      // Empty by its filter (Calcite prunes it at planning time) and empty only when run.
      for (String empty :
          List.of(
              "SELECT k FROM m WHERE k IS NULL AND k > 3",
              "SELECT k FROM m WHERE 1 = 0",
              "SELECT k FROM m WHERE id > 1000000")) {
        assertThat(ids(c, "SELECT id FROM m WHERE v > 12.5 OR k IN (" + empty + ") ORDER BY id"))
            .as("%s: %s", kind, empty)
            .isEqualTo(expected(big));
        assertThat(
                ids(
                    c,
                    "SELECT id FROM m WHERE (v > 12.5 OR name IS NULL AND k IN ("
                        + empty
                        + ")) AND id >= 4 ORDER BY id"))
            .as("%s: %s", kind, empty)
            .isEqualTo(expected(i -> big.test(i) && i >= 4));
        // NOT IN an empty set is true, also for a null k.
        assertThat(
                ids(c, "SELECT id FROM m WHERE v > 12.5 OR k NOT IN (" + empty + ") ORDER BY id"))
            .as("%s: %s", kind, empty)
            .isEqualTo(expected(i -> true));
      }
      // A sub-query with rows still matches as before: k of rows 1..3 is 1, 2, 3.
      assertThat(
              ids(
                  c,
                  "SELECT id FROM m WHERE v > 12.5 OR k IN (SELECT k FROM m WHERE id BETWEEN 1"
                      + " AND 3) ORDER BY id"))
          .as(kind)
          .isEqualTo(expected(i -> big.test(i) || k(i) != null && k(i) >= 1 && k(i) <= 3));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"HOT", "HYBRID", "COLD"})
  void unaryPlusIsTheIdentityOnAnyType(String kind) throws SQLException {
    try (Connection c = open(kind)) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < ROWS; i++) {
        if (name(i) != null) {
          expected.add(name(i) + "|" + k(i) + "|" + (k(i) == null ? null : -k(i)) + "|");
        }
      }
      assertThat(rows(c, "SELECT + name, + k, - + k FROM m WHERE NOT + name IS NULL ORDER BY id"))
          .as(kind)
          .isEqualTo(expected);
      assertThat(
              rows(
                  c,
                  "SELECT COUNT(*) FROM m WHERE + name > 'n3' AND + ts > TIMESTAMP '2000-01-01 00:00:00'"))
          .as(kind)
          .containsExactly(count(i -> name(i) != null && name(i).compareTo("n3") > 0) + "|");
    }
  }

  /** A fresh table m of {@link #ROWS} rows; for HYBRID the older half is moved to the cold tier. */
  private Connection open(String kind) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:thermocline:file:" + dir);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE "
              + (kind.equals("HYBRID") ? "HYBRID " : "")
              + "TABLE m (id BIGINT PRIMARY KEY, ts TIMESTAMP NOT NULL, name VARCHAR(8),"
              + " v DOUBLE, k INTEGER)"
              + (kind.equals("COLD") ? " USING EXTENDED STORAGE" : "")
              + (kind.equals("HOT") ? "" : " COLD PARTITION BY MONTH(ts)"));
    }
    String insert =
        kind.equals("HYBRID")
            ? "INSERT INTO m (id, ts, name, v, k, \"_aged\") VALUES (?, ?, ?, ?, ?, ?)"
            : "INSERT INTO m (id, ts, name, v, k) VALUES (?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      for (int i = 0; i < ROWS; i++) {
        ps.setLong(1, i);
        ps.setTimestamp(2, new Timestamp(BASE_MILLIS + i * 3_600_000L));
        ps.setObject(3, name(i));
        ps.setDouble(4, i / 2.0);
        ps.setObject(5, k(i));
        if (kind.equals("HYBRID")) {
          ps.setBoolean(6, i < ROWS / 2);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
    if (kind.equals("HYBRID")) {
      ThermoSchema schema =
          c.unwrap(CalciteConnection.class)
              .getRootSchema()
              .getSubSchema(ThermoSchema.NAME)
              .unwrap(ThermoSchema.class);
      assertThat(schema.database().moveBatch("M", MoveDirection.TO_COLD, ROWS)).isEqualTo(ROWS / 2);
    }
    return c;
  }

  private static List<String> expected(IntPredicate keep) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      if (keep.test(i)) {
        out.add(Integer.toString(i));
      }
    }
    return out;
  }

  private static int count(IntPredicate keep) {
    return expected(keep).size();
  }

  private static List<String> ids(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String row : rows(c, sql)) {
      out.add(row.substring(0, row.length() - 1));
    }
    return out;
  }
}
