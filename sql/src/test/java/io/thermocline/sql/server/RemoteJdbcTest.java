package io.thermocline.sql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteJdbcTest {
  @TempDir Path dir;
  private TestServer server;
  private Connection conn;

  @BeforeEach
  void start() throws SQLException {
    server = new TestServer(dir);
    conn = server.connect("admin");
    try (Statement s = conn.createStatement()) {
      s.execute(
          "CREATE HYBRID TABLE sales (id BIGINT PRIMARY KEY, region VARCHAR(16), amount"
              + " DECIMAL(12,2), sold DATE, ts TIMESTAMP)");
    }
  }

  @AfterEach
  void stop() throws SQLException {
    if (conn != null) {
      conn.close();
    }
    server.close();
  }

  static List<List<Object>> rows(ResultSet rs) throws SQLException {
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      List<List<Object>> out = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
      return out;
    }
  }

  private List<List<Object>> query(String sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      return rows(s.executeQuery(sql));
    }
  }

  @Test
  void dmlInAutocommitAndQueries() throws SQLException {
    try (Statement s = conn.createStatement()) {
      assertThat(
              s.executeUpdate(
                  "INSERT INTO sales VALUES (1, 'north', 10.50, DATE '2024-01-02',"
                      + " TIMESTAMP '2024-01-02 10:00:00'), (2, 'south', 20.00, DATE"
                      + " '2024-01-03', NULL)"))
          .isEqualTo(2);
      assertThat(s.executeUpdate("UPDATE sales SET region = 'east' WHERE id = 2")).isEqualTo(1);
    }
    assertThat(query("SELECT id, region, amount, sold FROM sales ORDER BY id"))
        .containsExactly(
            List.of(1L, "north", new BigDecimal("10.50"), Date.valueOf("2024-01-02")),
            List.of(2L, "east", new BigDecimal("20.00"), Date.valueOf("2024-01-03")));
  }

  @Test
  void preparedStatementsBindDatesAndTimestamps() throws SQLException {
    try (PreparedStatement p =
        conn.prepareStatement(
            "INSERT INTO sales (id, region, amount, sold, ts) VALUES (?, ?, ?, ?, ?)")) {
      p.setLong(1, 7);
      p.setString(2, "west");
      p.setBigDecimal(3, new BigDecimal("1.25"));
      p.setDate(4, Date.valueOf(LocalDate.of(2024, 3, 1)));
      p.setTimestamp(5, Timestamp.valueOf(LocalDateTime.of(2024, 3, 1, 12, 30, 15)));
      assertThat(p.executeUpdate()).isEqualTo(1);
    }
    try (PreparedStatement q =
        conn.prepareStatement("SELECT id, sold, ts FROM sales WHERE sold >= ? AND ts < ?")) {
      q.setDate(1, Date.valueOf(LocalDate.of(2024, 3, 1)));
      q.setTimestamp(2, Timestamp.valueOf(LocalDateTime.of(2024, 3, 2, 0, 0)));
      assertThat(rows(q.executeQuery()))
          .containsExactly(
              List.of(
                  7L,
                  Date.valueOf("2024-03-01"),
                  Timestamp.valueOf(LocalDateTime.of(2024, 3, 1, 12, 30, 15))));
    }
  }

  @Test
  void explicitTransactionsCommitAndRollBack() throws SQLException {
    conn.setAutoCommit(false);
    try (Statement s = conn.createStatement()) {
      s.executeUpdate("INSERT INTO sales (id, region) VALUES (1, 'a')");
      assertThat(query("SELECT COUNT(*) FROM sales")).containsExactly(List.of(1L));
      try (Connection other = server.connect("writer")) {
        assertThat(rows(other.createStatement().executeQuery("SELECT COUNT(*) FROM sales")))
            .containsExactly(List.of(0L));
      }
      conn.rollback();
      assertThat(query("SELECT COUNT(*) FROM sales")).containsExactly(List.of(0L));
      s.executeUpdate("INSERT INTO sales (id, region) VALUES (2, 'b')");
      s.executeUpdate("UPDATE sales SET region = 'c' WHERE id = 2");
      conn.commit();
    }
    conn.setAutoCommit(true);
    try (Connection other = server.connect("reporter")) {
      assertThat(rows(other.createStatement().executeQuery("SELECT id, region FROM sales")))
          .containsExactly(List.of(2L, "c"));
    }
  }

  @Test
  void batchesRunAsOneTransaction() throws SQLException {
    try (PreparedStatement p =
        conn.prepareStatement("INSERT INTO sales (id, region, sold) VALUES (?, ?, ?)")) {
      for (int i = 1; i <= 50; i++) {
        p.setLong(1, i);
        p.setString(2, i % 2 == 0 ? "even" : "odd");
        p.setDate(3, Date.valueOf(LocalDate.of(2024, 1, 1).plusDays(i)));
        p.addBatch();
      }
      assertThat(p.executeBatch()).hasSize(50).containsOnly(1);
    }
    try (Statement s = conn.createStatement()) {
      s.addBatch("DELETE FROM sales WHERE region = 'odd'");
      s.addBatch("INSERT INTO sales (id, region) VALUES (1, 'one')");
      s.addBatch("INSERT INTO sales (id, region) VALUES (2, 'duplicate key')");
      assertThatThrownBy(s::executeBatch).isInstanceOf(SQLException.class);
    }
    // The failed batch left no trace: the odd rows are still there.
    assertThat(query("SELECT region, COUNT(*) FROM sales GROUP BY region ORDER BY region"))
        .containsExactly(List.of("even", 25L), List.of("odd", 25L));
    assertThat(query("SELECT MAX(sold) FROM sales"))
        .containsExactly(List.of(Date.valueOf("2024-02-20")));
  }

  @Test
  void sysViewsAndCallsWorkRemotely() throws SQLException {
    assertThat(
            query(
                "SELECT c.COLUMN_NAME, c.DATA_TYPE FROM SYS.COLUMNS c WHERE c.TABLE_NAME ="
                    + " 'SALES' AND c.PRIMARY_KEY_POSITION IS NOT NULL"))
        .containsExactly(List.of("ID", "BIGINT"));
    assertThat(query("SELECT KIND FROM SYS.TABLES")).containsExactly(List.of("HYBRID"));
    assertThat(query("CALL SYS.ECHO('remote', 2)"))
        .extracting(r -> r.subList(0, 3))
        .containsExactly(
            List.of(1L, "remote", Date.valueOf("2024-01-01")),
            List.of(2L, "remote", Date.valueOf("2024-01-02")));
    try (PreparedStatement p = conn.prepareStatement("CALL SYS.ECHO(?, ?)")) {
      p.setString(1, "p");
      p.setInt(2, 3);
      assertThat(rows(p.executeQuery())).hasSize(3);
    }
    assertThat(server.echo.calls).containsExactly(List.of("remote", 2L), List.of("p", 3L));
    assertThatThrownBy(() -> query("CALL SYS.MISSING()"))
        .hasMessageStartingWith("TC-1013: unknown system procedure SYS.MISSING; known: ")
        .hasMessageContaining("ECHO");
  }

  @Test
  void closingTheServerEndsItsClientSessionsButNotTheDatabase() throws SQLException {
    assertThat(server.server.url()).startsWith("jdbc:thermocline:remote:url=http://localhost:");
    assertThat(server.server.port()).isPositive();
    Connection other = server.connect("reporter");
    assertThat(server.database.openSessions())
        .extracting(io.thermocline.engine.Session::user)
        .containsExactlyInAnyOrder("admin", "reporter");
    server.server.close();
    assertThat(server.database.openSessions()).isEmpty();
    assertThat(server.database.tables()).hasSize(1);
    // The clients learn it on their next request.
    assertThatThrownBy(() -> other.createStatement().executeQuery("SELECT 1"))
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith("cannot reach the Thermocline server: ");
    conn = null;
  }
}
