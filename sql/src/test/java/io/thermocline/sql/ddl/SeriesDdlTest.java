package io.thermocline.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A series table created by SQL with MINVALUE and MAXVALUE: the bounds and the grid they start are
 * enforced, and a second element for one key and period is refused, all through JDBC.
 */
class SeriesDdlTest {
  @TempDir Path dir;

  @Test
  void seriesBoundsGridAndUniquenessAreEnforced() throws SQLException {
    try (Connection conn = DriverManager.getConnection("jdbc:thermocline:file:" + dir);
        Statement s = conn.createStatement()) {
      s.execute(
          "CREATE TABLE meter (meter_id INTEGER NOT NULL, ts TIMESTAMP, kwh DOUBLE)"
              + " SERIES (SERIES KEY (meter_id) PERIOD FOR SERIES (ts)"
              + " EQUIDISTANT INCREMENT BY INTERVAL '15' MINUTE MISSING ELEMENTS ALLOWED"
              + " MINVALUE TIMESTAMP '2024-01-01 00:05:00' MAXVALUE TIMESTAMP '2024-12-31 00:00:00')");
      s.execute(
          "INSERT INTO meter VALUES (1, TIMESTAMP '2024-01-01 00:05:00', 1.0),"
              + " (1, TIMESTAMP '2024-01-01 00:20:00', 2.0)");
      assertThatThrownBy(
              () -> s.execute("INSERT INTO meter VALUES (1, TIMESTAMP '2024-01-01 00:30:00', 3.0)"))
          .hasMessageContaining("TC-1014")
          .hasMessageContaining("nearest grid points are 2024-01-01T00:20 and 2024-01-01T00:35");
      assertThatThrownBy(
              () -> s.execute("INSERT INTO meter VALUES (2, TIMESTAMP '2023-12-31 23:50:00', 3.0)"))
          .hasMessageContaining("outside the series bounds");
      assertThatThrownBy(
              () -> s.execute("INSERT INTO meter VALUES (1, TIMESTAMP '2024-01-01 00:20:00', 9.0)"))
          .hasMessageContaining("(METER_ID)=(1)")
          .hasMessageContaining("already has an element");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(kwh) FROM meter")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2);
        assertThat(rs.getDouble(2)).isEqualTo(3.0);
      }
    }
  }
}
