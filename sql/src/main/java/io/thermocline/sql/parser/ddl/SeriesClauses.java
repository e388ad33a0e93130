package io.thermocline.sql.parser.ddl;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Collects the sub-clauses of {@code SERIES (...)} while the parser reads them, in whatever order
 * they come, and builds the {@link SqlSeriesDefinition}. A repeated sub-clause, a missing PERIOD
 * FOR SERIES, or MISSING ELEMENTS on a series that is not equidistant is a syntax error.
 *
 * <p>Confined to the single parser call that creates it.
 */
public final class SeriesClauses {
  private static final String EQUIDISTANCE = "EQUIDISTANT / NOT EQUIDISTANT";

  private final ClauseSet given = new ClauseSet();
  private SqlNodeList seriesKey;
  private SqlIdentifier periodColumn;
  private boolean equidistant;
  private SqlLiteral increment;
  private Boolean missingElementsAllowed;
  private SqlParserPos missingElementsPos;
  private SqlNode minValue;
  private SqlNode maxValue;

  public void seriesKey(SqlNodeList columns, SqlParserPos pos) {
    given.once("SERIES KEY", pos);
    seriesKey = columns;
  }

  public void period(SqlIdentifier column, SqlParserPos pos) {
    given.once("PERIOD FOR SERIES", pos);
    periodColumn = column;
  }

  public void equidistant(SqlLiteral incrementInterval, SqlParserPos pos) {
    given.once(EQUIDISTANCE, pos);
    equidistant = true;
    increment = incrementInterval;
  }

  public void notEquidistant(SqlParserPos pos) {
    given.once(EQUIDISTANCE, pos);
    equidistant = false;
  }

  public void missingElements(boolean allowed, SqlParserPos pos) {
    given.once("MISSING ELEMENTS", pos);
    missingElementsAllowed = allowed;
    missingElementsPos = pos;
  }

  public void minValue(SqlNode literal, SqlParserPos pos) {
    given.once("MINVALUE", pos);
    minValue = literal;
  }

  public void maxValue(SqlNode literal, SqlParserPos pos) {
    given.once("MAXVALUE", pos);
    maxValue = literal;
  }

  /** The definition, positioned at {@code pos} (the whole SERIES clause). */
  public SqlSeriesDefinition build(SqlParserPos pos) {
    if (periodColumn == null) {
      throw ClauseSet.syntaxError(pos, "SERIES needs PERIOD FOR SERIES (column)");
    }
    if (missingElementsAllowed != null && !equidistant) {
      throw ClauseSet.syntaxError(
          missingElementsPos, "MISSING ELEMENTS applies to an EQUIDISTANT series only");
    }
    SqlNodeList key = seriesKey == null ? new SqlNodeList(pos) : seriesKey;
    return new SqlSeriesDefinition(
        pos, key, periodColumn, equidistant, increment, missingElementsAllowed, minValue, maxValue);
  }
}
