package io.thermocline.sql.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.system.SystemProcedure;
import io.thermocline.engine.system.SystemView;
import io.thermocline.sql.jdbc.ThermoDriver;
import io.thermocline.sql.security.SqlUser;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SYS views and CALL through the embedded driver. */
class SysSchemaTest {
  @TempDir Path dir;
  private Database db;
  private Connection conn;
  private final EchoProcedure echo = new EchoProcedure();

  @BeforeEach
  void open() throws SQLException {
    db =
        Thermocline.open(
            dir,
            Config.defaults()
                .with(ColdSettings.SYNC_METADATA, false)
                .with(EngineSettings.MAINTENANCE_ENABLED, false)
                .with(EngineSettings.COLD_FILE_MIN_ROWS, 1));
    db.system().register(echo);
    conn = ThermoDriver.connect(db, SqlUser.EMBEDDED);
    try (Statement s = conn.createStatement()) {
      s.execute(
          "CREATE HYBRID TABLE orders (id BIGINT PRIMARY KEY, region VARCHAR(8), created_at"
              + " TIMESTAMP NOT NULL) AGING RULE (created_at < CURRENT_TIMESTAMP - INTERVAL '90'"
              + " DAY) COLD PARTITION BY MONTH(created_at)");
      s.execute("CREATE TABLE regions (code VARCHAR(8) PRIMARY KEY, name VARCHAR(64))");
      s.executeUpdate(
          "INSERT INTO orders (id, region, created_at) VALUES (1, 'n', TIMESTAMP '2024-01-01"
              + " 10:00:00'), (2, 's', TIMESTAMP '2024-02-01 10:00:00')");
    }
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
    db.close();
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
  void sysViewsJoinAndFilterLikeTables() throws SQLException {
    assertThat(
            query(
                "SELECT t.TABLE_NAME, t.KIND, c.COLUMN_NAME FROM SYS.TABLES t JOIN SYS.COLUMNS c"
                    + " ON c.TABLE_NAME = t.TABLE_NAME WHERE c.PRIMARY_KEY_POSITION = 1 ORDER BY"
                    + " 1"))
        .containsExactly(List.of("ORDERS", "HYBRID", "ID"), List.of("REGIONS", "HOT", "CODE"));
    assertThat(
            query(
                "SELECT TIER, \"ROWS\", MIN_TIME FROM SYS.PARTITIONS WHERE TABLE_NAME = 'ORDERS'"
                    + " ORDER BY TIER"))
        .containsExactly(
            Arrays.asList("COLD", 0L, null),
            List.of("HOT", 2L, Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 10, 0))));
    assertThat(query("SELECT COUNT(*) FROM SYS.SESSIONS WHERE USER_NAME = 'EMBEDDED'"))
        .containsExactly(List.of(1L));
  }

  @Test
  void aViewRegisteredLaterAppearsInTheNextStatementAndGoesAgain() throws SQLException {
    SystemView late =
        new SystemView() {
          @Override
          public String name() {
            return "LATE";
          }

          @Override
          public Schema schema() {
            return Schema.of(Column.notNull("X", DataType.INTEGER));
          }

          @Override
          public List<Object[]> rows() {
            return List.<Object[]>of(new Object[] {42L});
          }
        };
    assertThatThrownBy(() -> query("SELECT * FROM SYS.LATE"))
        .hasMessageContaining("unknown table LATE");
    db.system().register(late);
    assertThat(query("SELECT X + 1 FROM SYS.LATE")).containsExactly(List.of(43));
    db.system().unregister(late);
    assertThatThrownBy(() -> query("SELECT * FROM SYS.LATE")).isInstanceOf(SQLException.class);
  }

  @Test
  void callReturnsTheProcedureRowsWithTheirTypes() throws SQLException {
    List<List<Object>> rows = query("CALL SYS.ECHO('hi', 2)");
    assertThat(rows)
        .containsExactly(
            List.of(
                1L,
                "hi",
                Date.valueOf("2024-01-01"),
                Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 10, 0, 0, 250_000_000)),
                new BigDecimal("1.25"),
                true,
                0.5),
            List.of(
                2L,
                "hi",
                Date.valueOf("2024-01-02"),
                Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 10, 0, 0, 250_000_000)),
                new BigDecimal("2.25"),
                false,
                1.0));
    assertThat(echo.calls).containsExactly(List.of("hi", 2L));
    try (Statement s = conn.createStatement()) {
      assertThat(s.execute("call sys.echo('it''s ünïcödé ✓', 1)")).isTrue();
      assertThat(rows(s.getResultSet()).get(0).get(1)).isEqualTo("it's ünïcödé ✓");
      ResultSet empty = s.executeQuery("CALL SYS.ECHO(NULL, 0)");
      assertThat(empty.getMetaData().getColumnCount()).isEqualTo(7);
      assertThat(rows(empty)).isEmpty();
    }
  }

  @Test
  void preparedAndCallableCallsBindArguments() throws SQLException {
    try (PreparedStatement p = conn.prepareStatement("CALL SYS.ECHO(?, ?)")) {
      assertThat(p.getMetaData().getColumnName(2)).isEqualTo("TEXT");
      assertThat(p.getParameterMetaData().getParameterCount()).isEqualTo(2);
      p.setString(1, "a");
      p.setInt(2, 1);
      assertThat(rows(p.executeQuery())).hasSize(1);
      p.setString(1, "b");
      p.setLong(2, 3);
      assertThat(p.execute()).isTrue();
      assertThat(rows(p.getResultSet())).hasSize(3);
    }
    try (CallableStatement c = conn.prepareCall("CALL SYS.ECHO('c', ?)")) {
      c.setInt(1, 2);
      assertThat(rows(c.executeQuery())).extracting(r -> r.get(1)).containsExactly("c", "c");
    }
    assertThat(echo.calls).containsExactly(List.of("a", 1L), List.of("b", 3L), List.of("c", 2L));
  }

  @Test
  void unknownProceduresAndWrongArgumentsAreClearErrors() {
    assertThatThrownBy(() -> query("CALL SYS.NOPE(1)"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("unknown system procedure SYS.NOPE")
        .hasMessageContaining("ECHO")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("TC-1013"));
    assertThatThrownBy(() -> query("CALL OTHER.ECHO('x', 1)")).hasMessageContaining("schema SYS");
    assertThatThrownBy(() -> query("CALL SYS.ECHO('x')"))
        .hasMessageContaining(
            "SYS.ECHO takes 2 argument(s) (TEXT VARCHAR(64), TIMES INTEGER), got 1");
    assertThatThrownBy(() -> query("CALL SYS.ECHO('x', 'many')"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("TIMES");
    assertThat(echo.calls).isEmpty();
  }

  @Test
  void backupDataCallsTheBackupProcedureWithTheLabel() throws SQLException {
    SystemProcedure real = db.system().procedure("BACKUP");
    try (Statement s = conn.createStatement()) {
      List<List<Object>> rows = rows(s.executeQuery("BACKUP DATA USING FILE ('nightly-1')"));
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0)).contains("nightly-1");
      assertThat(query("SELECT COUNT(*) FROM SYS.BACKUPS")).containsExactly(List.of(1L));
    }
    // A one-parameter BACKUP (as DESIGN.md's statement suggests) gets the label as its argument.
    EchoProcedure one =
        new EchoProcedure() {
          @Override
          public String name() {
            return "BACKUP";
          }

          @Override
          public List<Column> parameters() {
            return List.of(Column.nullable("LABEL", DataType.varchar(64)));
          }

          @Override
          public List<Object[]> call(List<Object> arguments) {
            return super.call(List.of(arguments.get(0), 1L));
          }
        };
    db.system().unregister(real);
    db.system().register(one);
    try (Statement s = conn.createStatement()) {
      assertThat(rows(s.executeQuery("BACKUP DATA USING FILE ('weekly')")).get(0).get(1))
          .isEqualTo("weekly");
    } finally {
      db.system().unregister(one);
      db.system().register(real);
    }
  }
}
