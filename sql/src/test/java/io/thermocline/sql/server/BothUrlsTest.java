package io.thermocline.sql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a reporting tool's table browser and its users see, the same through the embedded and the
 * remote URL: DatabaseMetaData (tables of both types, columns, primary keys, schemas, table types)
 * and error messages.
 */
class BothUrlsTest {
  @TempDir Path dir;
  private TestServer server;
  private Connection conn;

  private void open(String kind) throws SQLException {
    if (kind.equals("remote")) {
      server = new TestServer(dir);
      conn = server.connect("admin");
    } else {
      conn = DriverManager.getConnection("jdbc:thermocline:file:" + dir);
    }
    try (Statement s = conn.createStatement()) {
      s.execute(
          "CREATE HYBRID TABLE sales (id BIGINT, line INTEGER, region VARCHAR(16) NOT NULL,"
              + " amount DECIMAL(12,2), sold DATE, ts TIMESTAMP, ratio DOUBLE, PRIMARY KEY (id,"
              + " line))");
    }
  }

  @AfterEach
  void close() throws SQLException {
    if (conn != null) {
      conn.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static List<List<Object>> rows(ResultSet rs, String... columns) throws SQLException {
    try (rs) {
      List<List<Object>> out = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (String c : columns) {
          row.add(rs.getObject(c));
        }
        out.add(row);
      }
      return out;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void metadataForATableBrowser(String kind) throws SQLException {
    open(kind);
    DatabaseMetaData md = conn.getMetaData();
    assertThat(md.getDatabaseProductName()).isEqualTo("Thermocline");
    assertThat(rows(md.getTableTypes(), "TABLE_TYPE"))
        .extracting(r -> r.get(0))
        .contains("SYSTEM TABLE", "TABLE");
    assertThat(rows(md.getSchemas(), "TABLE_SCHEM"))
        .extracting(r -> r.get(0))
        .contains("SYS", "THERMO");
    assertThat(rows(md.getTables(null, "THERMO", "%", new String[] {"TABLE"}), "TABLE_NAME"))
        .containsExactly(List.of("SALES"));
    assertThat(
            rows(
                md.getTables(null, "SYS", "%", new String[] {"SYSTEM TABLE"}),
                "TABLE_NAME",
                "TABLE_TYPE"))
        .contains(
            List.of("TABLES", "SYSTEM TABLE"),
            List.of("COLUMNS", "SYSTEM TABLE"),
            List.of("PARTITIONS", "SYSTEM TABLE"),
            List.of("SESSIONS", "SYSTEM TABLE"));
    List<List<Object>> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, "THERMO", "SALES", "%")) {
      while (rs.next()) {
        columns.add(
            List.of(
                rs.getString("COLUMN_NAME"),
                rs.getInt("DATA_TYPE"),
                rs.getString("TYPE_NAME"),
                rs.getInt("COLUMN_SIZE"),
                rs.getInt("DECIMAL_DIGITS"),
                rs.getInt("NULLABLE"),
                rs.getInt("ORDINAL_POSITION")));
      }
    }
    assertThat(columns)
        .startsWith(
            List.of("ID", Types.BIGINT, "BIGINT", 19, 0, DatabaseMetaData.columnNoNulls, 1),
            List.of("LINE", Types.INTEGER, "INTEGER", 10, 0, DatabaseMetaData.columnNoNulls, 2),
            List.of(
                "REGION", Types.VARCHAR, "VARCHAR(16)", 16, 0, DatabaseMetaData.columnNoNulls, 3),
            List.of(
                "AMOUNT",
                Types.DECIMAL,
                "DECIMAL(12, 2)",
                12,
                2,
                DatabaseMetaData.columnNullable,
                4),
            List.of("SOLD", Types.DATE, "DATE", 10, 0, DatabaseMetaData.columnNullable, 5),
            List.of(
                "TS", Types.TIMESTAMP, "TIMESTAMP(3)", 23, 3, DatabaseMetaData.columnNullable, 6),
            List.of("RATIO", Types.DOUBLE, "DOUBLE", 15, 0, DatabaseMetaData.columnNullable, 7));
    assertThat(
            rows(md.getPrimaryKeys(null, null, "SALES"), "TABLE_SCHEM", "COLUMN_NAME", "KEY_SEQ"))
        .extracting(r -> List.of(r.get(0), r.get(1), ((Number) r.get(2)).intValue()))
        .containsExactly(List.of("THERMO", "ID", 1), List.of("THERMO", "LINE", 2));
    assertThat(rows(md.getPrimaryKeys(null, "SYS", "SALES"), "COLUMN_NAME")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "remote"})
  void errorsNamePositionAndObjectWithoutStackTraces(String kind) throws SQLException {
    open(kind);
    try (Statement s = conn.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT id\nFROM sales WHERE"))
          .isInstanceOf(SQLException.class)
          .hasMessageStartingWith(
              "TC-1007: SQL syntax error at line 2, column 16: Encountered \"<EOF>\"")
          .satisfies(e -> assertNoTrace(e.getMessage()));
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM salez"))
          .hasMessage(
              "TC-1009: unknown table SALEZ (Object 'SALEZ' not found) at line 1, column 15")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("TC-1009"));
      assertThatThrownBy(() -> s.executeQuery("SELECT regio FROM sales"))
          .hasMessageStartingWith("TC-1003: unknown column REGIO")
          .hasMessageEndingWith("at line 1, column 8");
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO nowhere VALUES (1)"))
          .hasMessageContaining("NOWHERE")
          .satisfies(e -> assertNoTrace(e.getMessage()));
      assertThatThrownBy(() -> s.executeUpdate("UPDATE sales SET nope = 1"))
          .hasMessageContaining("NOPE")
          .satisfies(e -> assertNoTrace(e.getMessage()));
    }
  }

  private static void assertNoTrace(String message) {
    assertThat(message).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("\n");
  }
}
