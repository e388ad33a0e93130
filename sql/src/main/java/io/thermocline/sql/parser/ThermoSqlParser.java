package io.thermocline.sql.parser;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses Thermocline SQL: everything Calcite's parser reads (SELECT, INSERT, UPDATE, DELETE, MERGE,
 * EXPLAIN, CALL, ...) plus the statements of DESIGN.md section 2 (see package {@code
 * io.thermocline.sql.parser.ddl}). A syntax error becomes a {@link ThermoException} with {@link
 * ErrorCode#INVALID_ARGUMENT} whose message names the line and column.
 *
 * <p>Stateless and thread-safe: every call builds its own Calcite parser.
 */
public final class ThermoSqlParser {
  /**
   * The parser configuration the rest of the SQL layer must share (the validator's conformance has
   * to match): unquoted identifiers upper-cased, double-quoted ones kept as written, case-sensitive
   * matching, and the lenient conformance, which takes LIMIT / OFFSET, {@code !=}, {@code %} and
   * GROUP BY aliases and ordinals as users of other databases write them.
   */
  public static final SqlParser.Config CONFIG =
      SqlParser.config()
          .withParserFactory(ThermoSqlParserImpl.FACTORY)
          .withQuoting(Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(Casing.TO_UPPER)
          .withQuotedCasing(Casing.UNCHANGED)
          .withCaseSensitive(true)
          .withIdentifierMaxLength(128)
          .withConformance(SqlConformanceEnum.LENIENT);

  // Calcite repeats the position in its message; the ThermoException message states it once.
  private static final Pattern POSITION_IN_MESSAGE =
      Pattern.compile("\\s*at line \\d+, column \\d+");
  private static final int MAX_EXPECTED_TOKENS = 12;

  /**
   * Parses one statement; a trailing semicolon is allowed.
   *
   * @throws ThermoException (INVALID_ARGUMENT) on a syntax error, or when {@code sql} holds no
   *     statement or more than one
   */
  public SqlNode parse(String sql) {
    List<SqlNode> statements = parseScript(sql);
    if (statements.size() != 1) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "expected one SQL statement, found " + statements.size() + " (use parseScript for more)");
    }
    return statements.get(0);
  }

  /**
   * Parses statements separated by semicolons, in order; positions in error messages count lines
   * from the start of the script. An empty script yields an empty list.
   */
  public List<SqlNode> parseScript(String script) {
    SqlNodeList statements;
    try {
      statements = SqlParser.create(script, CONFIG).parseStmtList();
    } catch (SqlParseException e) {
      // Calcite's statement-list rule fails on a script with no statement at all (it positions
      // the empty list by its first element); that is an empty script, not an error.
      if (!containsStatement(script)) {
        return List.of();
      }
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, describe(e), e);
    }
    return new ArrayList<>(statements.getList());
  }

  /** Whether {@code script} has any token but semicolons (comments and blanks are no tokens). */
  private static boolean containsStatement(String script) {
    ThermoSqlParserImplTokenManager lexer =
        new ThermoSqlParserImplTokenManager(new SimpleCharStream(new StringReader(script)));
    try {
      for (Token token = lexer.getNextToken();
          token.kind != ThermoSqlParserImplConstants.EOF;
          token = lexer.getNextToken()) {
        if (token.kind != ThermoSqlParserImplConstants.SEMICOLON) {
          return true;
        }
      }
      return false;
    } catch (TokenMgrError e) {
      return true;
    }
  }

  /**
   * Writes {@code node} back as SQL that this parser reads into an equal tree (identifiers
   * double-quoted, so their case survives).
   */
  public static String toSql(SqlNode node) {
    return node.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT)).getSql();
  }

  private static String describe(SqlParseException e) {
    SqlParserPos pos = e.getPos();
    String where =
        pos == null
            ? "SQL syntax error at an unknown position"
            : "SQL syntax error at line " + pos.getLineNum() + ", column " + pos.getColumnNum();
    String message = e.getMessage() == null ? "" : e.getMessage();
    int newline = message.indexOf('\n');
    String first = newline < 0 ? message : message.substring(0, newline);
    first = POSITION_IN_MESSAGE.matcher(first).replaceAll("").trim();
    StringBuilder text = new StringBuilder(where).append(": ").append(first);
    Collection<String> expected = e.getExpectedTokenNames();
    if (!expected.isEmpty()) {
      text.append(expected.size() == 1 ? " Expected " : " Expected one of ");
      Iterator<String> names = expected.iterator();
      for (int i = 0; i < MAX_EXPECTED_TOKENS && names.hasNext(); i++) {
        text.append(i == 0 ? "" : ", ").append(names.next());
      }
      if (expected.size() > MAX_EXPECTED_TOKENS) {
        text.append(", ... (").append(expected.size() - MAX_EXPECTED_TOKENS).append(" more)");
      }
      text.append('.');
    }
    return text.toString();
  }
}
