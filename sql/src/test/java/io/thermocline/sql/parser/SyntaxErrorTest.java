package io.thermocline.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;

class SyntaxErrorTest {
  private final ThermoSqlParser parser = new ThermoSqlParser();

  private ThermoException parseError(String sql) {
    ThermoException e = catchThrowableOfType(ThermoException.class, () -> parser.parseScript(sql));
    assertThat(e).as("expected a syntax error for: %s", sql).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage())
        .startsWith("TC-1007: SQL syntax error at line ")
        .doesNotContain("\n");
    return e;
  }

  @Test
  void misplacedKeywordNamesLineAndColumn() {
    ThermoException e = parseError("SELECT a,\n  b\nFROM FROM t");
    assertThat(e.getMessage()).contains("line 3, column 6").contains("FROM");
    assertThat(e.getCause()).isInstanceOf(SqlParseException.class);
  }

  @Test
  void badTokenInCreateTableNamesWhatWasExpected() {
    ThermoException e = parseError("CREATE TABLE t (\n  a INTEGER,\n  b VARCHAR(10) PRIMARY)");
    assertThat(e.getMessage()).contains("line 3, column 24").contains("\"KEY\"");
  }

  @Test
  void errorInALaterStatementCountsLinesFromTheScriptStart() {
    ThermoException e = parseError("SELECT 1;\nSELECT 2;\nDROP TABLE ;");
    assertThat(e.getMessage()).contains("line 3, column 12");
  }

  @Test
  void lexicalErrorNamesLineAndColumn() {
    ThermoException e = parseError("SELECT 1;\nSELECT 'unterminated");
    assertThat(e.getMessage()).contains("line 2");
  }

  @Test
  void repeatedClauseIsASyntaxErrorAtItsSecondOccurrence() {
    assertThat(
            parseError(
                    "CREATE HYBRID TABLE t (a DATE)\n AGING RULE (a < DATE '2020-01-01')\n"
                        + " AGING RULE (a < DATE '2021-01-01')")
                .getMessage())
        .contains("line 3, column 2")
        .contains("AGING RULE is given more than once");
    assertThat(parseError("CREATE TABLE t (a INTEGER DEFAULT 1 DEFAULT 2)").getMessage())
        .contains("DEFAULT is given more than once");
    assertThat(parseError("CREATE TABLE t (a INTEGER NOT NULL NULL)").getMessage())
        .contains("NULL / NOT NULL is given more than once");
    assertThat(
            parseError(
                    "CREATE TABLE t (k INT, ts TIMESTAMP) SERIES (SERIES KEY (k) SERIES KEY (k)"
                        + " PERIOD FOR SERIES (ts))")
                .getMessage())
        .contains("SERIES KEY is given more than once");
    assertThat(
            parseError("CREATE TABLE t (a DATE) USING EXTENDED STORAGE USING EXTENDED STORAGE")
                .getMessage())
        .contains("USING EXTENDED STORAGE is given more than once");
  }

  @Test
  void twoPrimaryKeysAreRejected() {
    assertThat(
            parseError("CREATE TABLE t (a INTEGER PRIMARY KEY, b INTEGER, PRIMARY KEY (b))")
                .getMessage())
        .contains("line 1, column 51")
        .contains("at most one PRIMARY KEY");
  }

  @Test
  void seriesNeedsAPeriodAndMissingElementsNeedsEquidistance() {
    assertThat(parseError("CREATE TABLE t (ts TIMESTAMP) SERIES (NOT EQUIDISTANT)").getMessage())
        .contains("PERIOD FOR SERIES");
    assertThat(
            parseError(
                    "CREATE TABLE t (ts TIMESTAMP) SERIES (PERIOD FOR SERIES (ts) NOT EQUIDISTANT"
                        + " MISSING ELEMENTS ALLOWED)")
                .getMessage())
        .contains("MISSING ELEMENTS applies to an EQUIDISTANT series only");
  }

  @Test
  void createOrReplaceIsRejectedForTablesAndIndexes() {
    assertThat(parseError("CREATE OR REPLACE TABLE t (a INT)").getMessage())
        .contains("line 1, column 1")
        .contains("CREATE OR REPLACE is not supported for tables");
    assertThat(parseError("CREATE OR REPLACE INDEX i ON t (a)").getMessage())
        .contains("not supported for indexes");
  }

  @Test
  void parseWantsExactlyOneStatement() {
    ThermoException two =
        catchThrowableOfType(ThermoException.class, () -> parser.parse("SELECT 1; SELECT 2"));
    assertThat(two.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(two.getMessage()).contains("expected one SQL statement, found 2");
    ThermoException none = catchThrowableOfType(ThermoException.class, () -> parser.parse(" "));
    assertThat(none.getMessage()).contains("found 0");
  }
}
