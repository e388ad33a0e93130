package io.thermocline.sql.jdbc;

import static io.thermocline.sql.testing.JdbcRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query text run again through a plain Statement reuses the connection's plan, yet sees new rows,
 * DDL from its own and from other connections, and DDL text always runs again.
 */
class PlanCacheTest {
  @TempDir Path dir;

  private static void run(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void repeatedTextSeesNewRowsAndEveryCatalogChange() throws SQLException {
    String url = "jdbc:thermocline:file:" + dir;
    try (Connection c = DriverManager.getConnection(url);
        Connection other = DriverManager.getConnection(url)) {
      run(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(8))");
      run(c, "INSERT INTO t VALUES (1, 'a')");
      String all = "SELECT * FROM t ORDER BY id";
      assertThat(rows(c, all)).containsExactly("1|a|");
      run(c, "INSERT INTO t VALUES (2, 'b')");
      assertThat(rows(c, all)).containsExactly("1|a|", "2|b|");

      // DDL on this connection, then on another one: the same text is planned again.
      run(c, "DROP TABLE t");
      run(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(8), n INTEGER)");
      run(c, "INSERT INTO t VALUES (3, 'c', 4)");
      assertThat(rows(c, all)).containsExactly("3|c|4|");
      run(other, "DROP TABLE t");
      run(other, "CREATE TABLE t (id INTEGER PRIMARY KEY, w DOUBLE)");
      run(other, "INSERT INTO t VALUES (7, 1.5)");
      assertThat(rows(c, all)).containsExactly("7|1.5|");
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(all)) {
        assertThat(rs.getMetaData().getColumnName(2)).isEqualTo("W");
      }

      // DDL text is never served from the cache: the second CREATE creates the table again.
      String create = "CREATE TABLE u (a INTEGER)";
      run(c, create);
      run(c, "DROP TABLE u");
      run(c, create);
      assertThat(rows(c, "SELECT COUNT(*) FROM u")).containsExactly("0|");

      // Two open result sets of one text iterate independently.
      run(c, "INSERT INTO t VALUES (8, 2.5)");
      try (Statement s1 = c.createStatement();
          Statement s2 = c.createStatement();
          ResultSet r1 = s1.executeQuery(all);
          ResultSet r2 = s2.executeQuery(all)) {
        assertThat(r1.next()).isTrue();
        assertThat(r2.next()).isTrue();
        assertThat(r2.next()).isTrue();
        assertThat(r1.getInt(1)).isEqualTo(7);
        assertThat(r2.getInt(1)).isEqualTo(8);
        assertThat(r1.next()).isTrue();
        assertThat(r1.getInt(1)).isEqualTo(8);
        assertThat(r1.next()).isFalse();
      }
    }
  }
}
