package io.thermocline.sql.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.sql.parser.ThermoSqlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementKindTest {
  private final ThermoSqlParser parser = new ThermoSqlParser();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT * FROM t | QUERY",
        "SELECT a FROM t UNION SELECT b FROM u | QUERY",
        "WITH x AS (SELECT 1 AS a) SELECT a FROM x | QUERY",
        "VALUES (1, 2) | QUERY",
        "SELECT * FROM t ORDER BY a LIMIT 3 | QUERY",
        "EXPLAIN PLAN FOR SELECT * FROM t | QUERY",
        "SELECT * FROM SYS.TABLES | QUERY",
        "INSERT INTO t VALUES (1) | DML",
        "INSERT INTO t SELECT * FROM u | DML",
        "UPDATE t SET a = 1 WHERE b = 2 | DML",
        "DELETE FROM t WHERE a = 1 | DML",
        "CREATE TABLE t (a INTEGER) | DDL",
        "CREATE HYBRID TABLE t (a INTEGER, ts TIMESTAMP) | DDL",
        "DROP TABLE t | DDL",
        "ALTER TABLE t ENABLE AGING | DDL",
        "CREATE INDEX i ON t (a) | DDL",
        "CALL SYS.RUN_AGING('T') | CALL",
        "BACKUP DATA USING FILE ('n') | CALL"
      })
  void classifiesStatements(String sql, StatementKind kind) {
    assertThat(StatementKind.of(parser.parse(sql))).isEqualTo(kind);
  }

  @Test
  void rolesAllowWhatDesignSectionTenSays() {
    for (StatementKind k : StatementKind.values()) {
      assertThat(Role.ADMIN.allows(k)).isTrue();
    }
    assertThat(Role.WRITER.allows(StatementKind.QUERY)).isTrue();
    assertThat(Role.WRITER.allows(StatementKind.DML)).isTrue();
    assertThat(Role.WRITER.allows(StatementKind.DDL)).isFalse();
    assertThat(Role.WRITER.allows(StatementKind.CALL)).isFalse();
    assertThat(Role.REPORTER.allows(StatementKind.QUERY)).isTrue();
    assertThat(Role.REPORTER.allows(StatementKind.DML)).isFalse();
    assertThatThrownBy(() -> new SqlUser("bob", Role.REPORTER).checkAllowed(StatementKind.DDL))
        .isInstanceOf(ThermoException.class)
        .hasMessage("TC-4002: user bob (role REPORTER) may not run DDL statements")
        .satisfies(
            e -> assertThat(((ThermoException) e).code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
  }
}
