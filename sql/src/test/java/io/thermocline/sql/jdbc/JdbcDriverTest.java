package io.thermocline.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.engine.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
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

class JdbcDriverTest {
  @TempDir Path dir;
  private Connection conn;

  @BeforeEach
  void open() throws SQLException {
    conn = DriverManager.getConnection("jdbc:thermocline:file:" + dir);
    try (Statement s = conn.createStatement()) {
      s.execute(
          "CREATE HYBRID TABLE sales (id BIGINT PRIMARY KEY, region VARCHAR(16), amount"
              + " DECIMAL(12,2), sold DATE, ts TIMESTAMP)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  private List<List<Object>> query(String sql) throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private void insertSample() throws SQLException {
    try (Statement s = conn.createStatement()) {
      int n =
          s.executeUpdate(
              "INSERT INTO sales (id, region, amount, sold, ts) VALUES"
                  + " (1, 'north', 10.50, DATE '2024-01-02', TIMESTAMP '2024-01-02 10:00:00'),"
                  + " (2, 'south', 20.00, DATE '2024-01-03', TIMESTAMP '2024-01-03 11:30:00'),"
                  + " (3, 'north', -5.25, DATE '2024-02-01', NULL)");
      assertThat(n).isEqualTo(3);
    }
  }

  @Test
  void insertsAndQueriesWithWhereGroupByOrderByLimit() throws SQLException {
    insertSample();
    assertThat(query("SELECT id, amount FROM sales WHERE region = 'north' ORDER BY id"))
        .containsExactly(
            List.of(1L, new BigDecimal("10.50")), List.of(3L, new BigDecimal("-5.25")));
    assertThat(
            query(
                "SELECT region, COUNT(*), SUM(amount) FROM sales GROUP BY region ORDER BY region"))
        .containsExactly(
            List.of("north", 2L, new BigDecimal("5.25")),
            List.of("south", 1L, new BigDecimal("20.00")));
    assertThat(query("SELECT 1 FROM sales")).hasSize(3);
    assertThat(query("SELECT id FROM sales ORDER BY amount DESC LIMIT 1"))
        .containsExactly(List.of(2L));
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT sold, ts FROM sales WHERE id = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getDate(1).toLocalDate()).isEqualTo(LocalDate.of(2024, 1, 2));
      assertThat(rs.getTimestamp(2).toLocalDateTime())
          .isEqualTo(LocalDateTime.of(2024, 1, 2, 10, 0));
    }
  }

  @Test
  void preparedBatchBindsDatesTimestampsAndDecimals() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO sales VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < 100; i++) {
        ps.setLong(1, i);
        ps.setString(2, i % 2 == 0 ? "even" : "odd");
        ps.setBigDecimal(3, new BigDecimal(i + ".25"));
        ps.setDate(4, Date.valueOf(LocalDate.of(2024, 3, 1).plusDays(i)));
        ps.setTimestamp(5, Timestamp.valueOf(LocalDateTime.of(2024, 3, 1, 0, 0).plusHours(i)));
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      assertThat(counts).hasSize(100).containsOnly(1);
    }
    assertThat(query("SELECT COUNT(*), SUM(amount) FROM sales WHERE region = 'odd'"))
        .containsExactly(List.of(50L, new BigDecimal("2512.50")));
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT id FROM sales WHERE sold = ? AND ts >= ?")) {
      ps.setDate(1, Date.valueOf(LocalDate.of(2024, 3, 11)));
      ps.setTimestamp(2, Timestamp.valueOf(LocalDateTime.of(2024, 3, 1, 0, 0)));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(10L);
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void updatesDeletesAndInsertSelect() throws SQLException {
    insertSample();
    try (Statement s = conn.createStatement()) {
      assertThat(s.executeUpdate("UPDATE sales SET amount = 99.99 WHERE region = 'north'"))
          .isEqualTo(2);
      assertThat(s.executeUpdate("DELETE FROM sales WHERE id = 2")).isEqualTo(1);
      s.execute("CREATE TABLE archive (id BIGINT, amount DECIMAL(12,2), sold DATE)");
      assertThat(s.executeUpdate("INSERT INTO archive SELECT id, amount, sold FROM sales"))
          .isEqualTo(2);
    }
    try (PreparedStatement ps = conn.prepareStatement("DELETE FROM sales WHERE sold < ?")) {
      ps.setDate(1, Date.valueOf("2024-01-31"));
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    assertThat(query("SELECT id, amount FROM sales"))
        .containsExactly(List.of(3L, new BigDecimal("99.99")));
    assertThat(query("SELECT id, sold FROM archive ORDER BY id"))
        .containsExactly(
            List.of(1L, Date.valueOf("2024-01-02")), List.of(3L, Date.valueOf("2024-02-01")));
  }

  @Test
  void explicitTransactionsCommitAndRollBack() throws SQLException {
    conn.setAutoCommit(false);
    try (Statement s = conn.createStatement()) {
      s.executeUpdate("INSERT INTO sales (id, region) VALUES (1, 'a')");
      assertThat(query("SELECT COUNT(*) FROM sales")).containsExactly(List.of(1L));
      try (Connection other = DriverManager.getConnection("jdbc:thermocline:file:" + dir);
          Statement o = other.createStatement();
          ResultSet rs = o.executeQuery("SELECT COUNT(*) FROM sales")) {
        rs.next();
        assertThat(rs.getLong(1)).as("uncommitted rows are invisible to others").isZero();
      }
      conn.rollback();
      assertThat(query("SELECT COUNT(*) FROM sales")).containsExactly(List.of(0L));
      s.executeUpdate("INSERT INTO sales (id, region) VALUES (2, 'b')");
      conn.commit();
    }
    conn.setAutoCommit(true);
    assertThat(query("SELECT id FROM sales")).containsExactly(List.of(2L));
  }

  @Test
  void failedBatchWritesNothingAndDataSurvivesReopen() throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("INSERT INTO sales (id, region) VALUES (?, ?)")) {
      ps.setLong(1, 1);
      ps.setString(2, "ok");
      ps.addBatch();
      ps.setLong(1, 2);
      ps.setString(2, "much too long for sixteen");
      ps.addBatch();
      assertThatThrownBy(ps::executeBatch)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("REGION");
    }
    assertThat(query("SELECT COUNT(*) FROM sales")).containsExactly(List.of(0L));
    // A cold table: its rows are durable whatever the hot tier's restart story is.
    try (Statement s = conn.createStatement()) {
      s.execute(
          "CREATE TABLE archive (id BIGINT PRIMARY KEY, note VARCHAR) USING EXTENDED STORAGE");
      s.executeUpdate("INSERT INTO archive VALUES (7, 'kept')");
    }
    conn.close();
    conn = DriverManager.getConnection("jdbc:thermocline:file:" + dir);
    assertThat(query("SELECT id, note FROM archive")).containsExactly(List.of(7L, "kept"));
    assertThat(query("SELECT COUNT(*) FROM sales")).containsExactly(List.of(0L));
  }

  @Test
  void closedResultSetsReleaseTheirEngineSnapshots() throws SQLException {
    insertSample();
    query("SELECT id FROM sales ORDER BY id LIMIT 1");
    query("SELECT region, COUNT(*) FROM sales WHERE id > 1 GROUP BY region");
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM sales")) {
      assertThat(rs.next()).isTrue();
    }
    // A later commit moves the clock on: a leaked snapshot would now be older than it.
    try (Statement s = conn.createStatement()) {
      s.executeUpdate("INSERT INTO sales (id) VALUES (9)");
    }
    Database db = DatabaseRegistry.acquire(dir);
    try {
      assertThat(db.oldestLiveSnapshot()).isEqualTo(db.lastCommitted());
    } finally {
      DatabaseRegistry.release(db);
    }
  }

  @Test
  void metadataListsTablesAndColumns() throws SQLException {
    DatabaseMetaData md = conn.getMetaData();
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, "THERMO", "%", null)) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    assertThat(tables).containsExactly("SALES");
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, "THERMO", "SALES", "%")) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
      }
    }
    assertThat(columns)
        .startsWith(
            "ID:BIGINT",
            "REGION:VARCHAR(16)",
            "AMOUNT:DECIMAL(12, 2)",
            "SOLD:DATE",
            "TS:TIMESTAMP(3)");
  }

  @Test
  void ddlAltersAndDropsTables() throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute("ALTER TABLE sales DISABLE AGING");
      s.execute("ALTER TABLE sales SET AGING RULE (ts < CURRENT_TIMESTAMP - INTERVAL '30' DAY)");
      s.execute("ALTER TABLE sales SET AGING SCHEDULE 'EVERY 15 MINUTES'");
      s.execute(
          "CREATE HYBRID TABLE events (id BIGINT PRIMARY KEY, ts TIMESTAMP NOT NULL)"
              + " AGING RULE (ts < CURRENT_TIMESTAMP - INTERVAL '1' DAY)"
              + " COLD PARTITION BY MONTH(ts)");
      s.executeUpdate("INSERT INTO events VALUES (1, TIMESTAMP '2024-05-01 00:00:00')");
      assertThat(query("SELECT id, \"_aged\" FROM events")).containsExactly(List.of(1L, false));
      s.execute("DROP TABLE sales");
      s.execute("DROP TABLE IF EXISTS sales");
    }
    assertThatThrownBy(() -> query("SELECT * FROM sales"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("SALES");
  }

  @Test
  void errorsNameTheTableColumnOrPosition() throws SQLException {
    insertSample();
    assertThatThrownBy(() -> query("SELECT nope FROM sales"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("NOPE");
    assertThatThrownBy(() -> query("SELEC 1"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("line 1, column");
    try (Statement s = conn.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO sales (id, region) VALUES (1, 'x')"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("SALES");
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO missing VALUES (1)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("MISSING");
      assertThatThrownBy(() -> s.executeUpdate("UPDATE sales SET bogus = 1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("BOGUS");
      assertThatThrownBy(() -> s.execute("CREATE TABLE sales (id BIGINT)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("SALES");
    }
  }
}
