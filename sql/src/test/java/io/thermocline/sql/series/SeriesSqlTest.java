package io.thermocline.sql.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The series functions through the embedded JDBC driver, against hand-computed answers. */
class SeriesSqlTest {
  @TempDir Path dir;
  private Connection conn;

  @BeforeEach
  void open() throws SQLException {
    conn = DriverManager.getConnection("jdbc:thermocline:file:" + dir);
    try (Statement s = conn.createStatement()) {
      s.execute(
          "CREATE TABLE meter (meter_id INTEGER NOT NULL, ts TIMESTAMP NOT NULL, kwh DOUBLE)"
              + " SERIES (SERIES KEY (meter_id) PERIOD FOR SERIES (ts)"
              + " EQUIDISTANT INCREMENT BY INTERVAL '15' MINUTE MISSING ELEMENTS ALLOWED)");
      s.execute(
          "INSERT INTO meter VALUES (1, TIMESTAMP '2024-01-01 00:00:00', 1.0),"
              + " (1, TIMESTAMP '2024-01-01 00:30:00', 3.0),"
              + " (1, TIMESTAMP '2024-01-01 01:00:00', 5.0),"
              + " (2, TIMESTAMP '2024-01-01 00:15:00', 10.0)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  private List<String> rows(String sql) throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        out.add(b.toString());
      }
      return out;
    }
  }

  @Test
  void timeBucketAndSeriesRound() throws SQLException {
    assertThat(
            rows(
                "SELECT TIME_BUCKET('1 HOUR', ts) AS h, SUM(kwh) FROM meter"
                    + " GROUP BY TIME_BUCKET('1 HOUR', ts) ORDER BY h"))
        .containsExactly("2024-01-01 00:00:00 | 14.0", "2024-01-01 01:00:00 | 5.0");
    assertThat(
            rows(
                "SELECT SERIES_ROUND(TIMESTAMP '2024-01-01 00:08:00', 'INTERVAL 15 MINUTE'),"
                    + " SERIES_ROUND(TIMESTAMP '2024-01-01 00:08:00', '15 MINUTE', 'ROUND_DOWN'),"
                    + " TIME_BUCKET('1 DAY', TIMESTAMP '2024-01-01 13:00:00',"
                    + " TIMESTAMP '2000-01-01 06:00:00') FROM (VALUES (1))"))
        .containsExactly("2024-01-01 00:15:00 | 2024-01-01 00:00:00 | 2024-01-01 06:00:00");
  }

  @Test
  void generateTheGrid() throws SQLException {
    assertThat(
            rows(
                "SELECT * FROM TABLE(SERIES_GENERATE(TIMESTAMP '2024-01-01 00:00:00',"
                    + " TIMESTAMP '2024-01-01 01:00:00', '15 MINUTE'))"))
        .containsExactly(
            "2024-01-01 00:00:00 | 2024-01-01 00:15:00 | 1",
            "2024-01-01 00:15:00 | 2024-01-01 00:30:00 | 2",
            "2024-01-01 00:30:00 | 2024-01-01 00:45:00 | 3",
            "2024-01-01 00:45:00 | 2024-01-01 01:00:00 | 4");
  }

  @Test
  void gapFillingLinearPreviousAndConstantWithGapsAtBothEnds() throws SQLException {
    String window = ", TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-01 01:15:00'))";
    assertThat(rows("SELECT * FROM TABLE(SERIES_FILL('meter', 'kwh', 'LINEAR'" + window))
        .containsExactly(
            "1 | 2024-01-01 00:00:00 | 1.0 | false",
            "1 | 2024-01-01 00:15:00 | 2.0 | true",
            "1 | 2024-01-01 00:30:00 | 3.0 | false",
            "1 | 2024-01-01 00:45:00 | 4.0 | true",
            "1 | 2024-01-01 01:00:00 | 5.0 | false",
            "2 | 2024-01-01 00:00:00 | null | true",
            "2 | 2024-01-01 00:15:00 | 10.0 | false",
            "2 | 2024-01-01 00:30:00 | null | true",
            "2 | 2024-01-01 00:45:00 | null | true",
            "2 | 2024-01-01 01:00:00 | null | true");
    assertThat(
            rows(
                "SELECT PERIOD_START, KWH FROM TABLE(SERIES_FILL('METER', 'KWH', 'PREVIOUS'"
                    + window
                    + " WHERE SERIES_KEY = '2'"))
        .containsExactly(
            "2024-01-01 00:00:00 | null",
            "2024-01-01 00:15:00 | 10.0",
            "2024-01-01 00:30:00 | 10.0",
            "2024-01-01 00:45:00 | 10.0",
            "2024-01-01 01:00:00 | 10.0");
    assertThat(
            rows(
                "SELECT SUM(KWH), COUNT(*) FROM TABLE(SERIES_FILL('METER', 'KWH', '0'"
                    + window
                    + " WHERE SERIES_KEY = '1'"))
        .containsExactly("9.0 | 5");
  }

  @Test
  void disaggregateSpreadsEachValueEvenlyOntoTheFinerGrid() throws SQLException {
    assertThat(
            rows(
                "SELECT PERIOD_START, KWH FROM TABLE(SERIES_DISAGGREGATE('METER', 'KWH',"
                    + " '5 MINUTE', TIMESTAMP '2024-01-01 00:00:00',"
                    + " TIMESTAMP '2024-01-01 00:20:00')) WHERE SERIES_KEY = '1'"))
        .hasSize(4)
        .startsWith(
            "2024-01-01 00:00:00 | 0.3333333333333333",
            "2024-01-01 00:05:00 | 0.3333333333333333",
            "2024-01-01 00:10:00 | 0.3333333333333333")
        .endsWith("2024-01-01 00:15:00 | null");
  }

  @Test
  void parametersBindAsTimestamps() throws SQLException {
    try (PreparedStatement p =
        conn.prepareStatement(
            "SELECT COUNT(*) FROM TABLE(SERIES_FILL('METER', 'KWH', 'NULL',"
                + " CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP)))")) {
      p.setTimestamp(1, Timestamp.valueOf("2024-01-01 00:00:00"));
      p.setTimestamp(2, Timestamp.valueOf("2024-01-02 00:00:00"));
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2 * 96);
      }
    }
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(
            () ->
                rows(
                    "SELECT * FROM TABLE(SERIES_GENERATE(TIMESTAMP '2024-01-01 00:00:00',"
                        + " TIMESTAMP '2024-01-02 00:00:00', '1 MONTH'))"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("SERIES_GENERATE")
        .hasMessageContaining("'1 MONTH'");
    assertThatThrownBy(
            () ->
                rows(
                    "SELECT * FROM TABLE(SERIES_FILL('NOPE', 'KWH', 'LINEAR',"
                        + " TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 00:00:00'))"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("unknown table NOPE");
    assertThatThrownBy(
            () ->
                rows(
                    "SELECT * FROM TABLE(SERIES_FILL('METER', 'KWH', 'SPLINE',"
                        + " TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 00:00:00'))"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("unknown fill method 'SPLINE'");
  }
}
