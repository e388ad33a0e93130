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
    conn.close();
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
  void errorsAreReadable() {
    assertThatThrownBy(() -> query("SELEC 1"))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> System.out.println("SYNTAX: " + e.getMessage()));
    assertThatThrownBy(() -> query("SELECT * FROM nope"))
        .satisfies(e -> System.out.println("TABLE: " + e.getMessage()));
  }
}
