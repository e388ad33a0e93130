package io.thermocline.sql.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a JDBC user reads when a statement is wrong: the position of a syntax error, the name of an
 * unknown table or column, the operator and operand types of a type error, and never a Java stack
 * trace as the message.
 */
class SqlErrorMessagesTest {
  @TempDir Path dir;
  private String url;

  @BeforeEach
  void createTable() throws SQLException {
    url = "jdbc:thermocline:file:" + dir;
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, region VARCHAR(8), placed DATE)");
    }
  }

  private SQLException error(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      SQLException e = catchThrowableOfType(SQLException.class, () -> s.executeQuery(sql));
      assertThat((Object) e).as("%s must fail", sql).isNotNull();
      assertThat(e.getMessage()).doesNotContain("\tat ").doesNotContain("Exception:");
      return e;
    }
  }

  @Test
  void syntaxErrorNamesLineAndColumn() throws SQLException {
    SQLException e = error("SELECT id,\n  region +* 2\nFROM orders");
    assertThat(e.getMessage()).contains("line 2, column 10");
  }

  @Test
  void unknownTableIsNamed() throws SQLException {
    assertThat(error("SELECT * FROM ordres").getMessage()).contains("ORDRES").contains("not found");
  }

  @Test
  void unknownColumnIsNamed() throws SQLException {
    assertThat(error("SELECT id, regoin FROM orders").getMessage())
        .contains("REGOIN")
        .contains("not found");
  }

  @Test
  void typeErrorNamesTheExpression() throws SQLException {
    String message = error("SELECT id + placed FROM orders").getMessage();
    assertThat(message).contains("Cannot apply '+'").contains("<BIGINT> + <DATE>");
    assertThat(message).contains("line 1, column 8");
  }

  @Test
  void createIndexIsAcceptedAsAHintButChecksItsColumns() throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE INDEX orders_region ON orders(region, placed)");
      s.execute("DROP INDEX orders_region");
      SQLException e =
          catchThrowableOfType(
              SQLException.class, () -> s.execute("CREATE INDEX bad ON orders(regoin)"));
      assertThat(e.getMessage()).contains("REGOIN").contains("ORDERS");
    }
  }
}
