package io.thermocline.admincli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlCommandTest {
  @Test
  void scriptsSplitAtSemicolonsAtLineEnds() {
    assertThat(SqlCommand.split("-- a comment\nSELECT 1;\nSELECT\n  'a;b' FROM t;\nSELECT 3"))
        .containsExactly("SELECT 1", "SELECT\n  'a;b' FROM t", "SELECT 3");
  }

  @Test
  void remoteErrorsAreCutToWhatMatters() {
    assertThat(
            SqlCommand.concise(
                "Error -1 (00000) : Error while executing SQL \"DELETE FROM t\": Remote driver"
                    + " error: RuntimeException: TC-4002: user rita (role REPORTER) may not run DML"
                    + " statements -> SQLException: x"))
        .isEqualTo("TC-4002: user rita (role REPORTER) may not run DML statements");
    assertThat(
            SqlCommand.concise(
                "Error while executing SQL \"x\" -> CalciteContextException: From line 1 ->"
                    + " SqlValidatorException: Object 'NOSUCH' not found"))
        .isEqualTo("Object 'NOSUCH' not found");
  }
}
