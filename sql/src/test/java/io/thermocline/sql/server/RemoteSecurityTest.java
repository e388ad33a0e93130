package io.thermocline.sql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication of remote connections and the role check of every statement. */
class RemoteSecurityTest {
  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() throws SQLException {
    server = new TestServer(dir);
    try (Connection c = server.connect("admin");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR(8))");
      s.executeUpdate("INSERT INTO t VALUES (1, 'a')");
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private long count() throws SQLException {
    return count("SELECT COUNT(*) FROM t");
  }

  private long count(String sql) throws SQLException {
    try (Connection c = server.connect("admin");
        Statement s = c.createStatement()) {
      return (Long) RemoteJdbcTest.rows(s.executeQuery(sql)).get(0).get(0);
    }
  }

  private static void assertDenied(ThrowingStatement s, String user, String role, String kind) {
    assertThatThrownBy(s::run)
        .isInstanceOf(SQLException.class)
        .hasMessage(
            "TC-4002: user " + user + " (role " + role + ") may not run " + kind + " statements")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("TC-4002"));
  }

  interface ThrowingStatement {
    void run() throws Exception;
  }

  @Test
  void wrongPasswordsAndUnknownUsersAreRefused() {
    Properties p = new Properties();
    p.setProperty("user", "admin");
    p.setProperty("password", "admin");
    assertThatThrownBy(() -> DriverManager.getConnection(server.server.url(), p))
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith("TC-4001: ")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("TC-4001"));
    p.setProperty("user", "mallory");
    assertThatThrownBy(() -> DriverManager.getConnection(server.server.url(), p))
        .hasMessageStartingWith("TC-4001: ");
    assertThatThrownBy(() -> DriverManager.getConnection(server.server.url(), new Properties()))
        .hasMessageContaining(
            "TC-4001: the JDBC server needs the connection properties user and password");
    assertThat(server.database.openSessions()).isEmpty();
  }

  @Test
  void reporterReadsTablesAndSysButChangesNothing() throws Exception {
    try (Connection c = server.connect("reporter");
        Statement s = c.createStatement()) {
      assertThat(RemoteJdbcTest.rows(s.executeQuery("SELECT v FROM t")))
          .containsExactly(List.of("a"));
      assertThat(
              RemoteJdbcTest.rows(
                  s.executeQuery(
                      "SELECT USER_NAME FROM SYS.SESSIONS WHERE USER_NAME = 'reporter'")))
          .containsExactly(List.of("reporter"));
      assertDenied(
          () -> s.executeUpdate("INSERT INTO t VALUES (2, 'b')"), "reporter", "REPORTER", "DML");
      assertDenied(() -> s.executeUpdate("DELETE FROM t"), "reporter", "REPORTER", "DML");
      assertDenied(
          () -> c.prepareStatement("UPDATE t SET v = ? WHERE id = 1"),
          "reporter",
          "REPORTER",
          "DML");
      assertDenied(() -> s.execute("DROP TABLE t"), "reporter", "REPORTER", "DDL");
      assertDenied(
          () -> s.executeQuery("CALL SYS.ECHO('x', 1)"), "reporter", "REPORTER", "CALL/BACKUP");
      assertDenied(
          () -> s.executeQuery("BACKUP DATA USING FILE ('x')"),
          "reporter",
          "REPORTER",
          "CALL/BACKUP");
    }
    assertThat(count()).isEqualTo(1);
    assertThat(server.echo.calls).isEmpty();
  }

  @Test
  void writerChangesRowsButNotTheSchema() throws Exception {
    try (Connection c = server.connect("writer");
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("INSERT INTO t VALUES (2, 'b')")).isEqualTo(1);
      try (PreparedStatement p = c.prepareStatement("UPDATE t SET v = ? WHERE id = ?")) {
        p.setString(1, "z");
        p.setLong(2, 2);
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
      assertDenied(() -> s.execute("CREATE TABLE u (x INTEGER)"), "writer", "WRITER", "DDL");
      assertDenied(() -> s.execute("ALTER TABLE t DISABLE AGING"), "writer", "WRITER", "DDL");
      assertDenied(
          () -> s.executeQuery("CALL SYS.ECHO('x', 1)"), "writer", "WRITER", "CALL/BACKUP");
    }
    assertThat(count()).isEqualTo(2);
    assertThat(server.database.tables()).hasSize(1);
  }

  @Test
  void adminRunsDdlAndProcedures() throws SQLException {
    try (Connection c = server.connect("admin");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE u (x INTEGER)");
      assertThat(RemoteJdbcTest.rows(s.executeQuery("CALL SYS.ECHO('x', 2)"))).hasSize(2);
      s.execute("DROP TABLE u");
    }
    assertThat(server.echo.calls).containsExactly(List.of("x", 2L));
  }
}
