package io.thermocline.sql.parser.ddl;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Collects the optional clauses that follow CREATE TABLE's column list (AGING FLAG / RULE /
 * SCHEDULE, COLD PARTITION BY, USING EXTENDED STORAGE, SERIES) while the parser reads them, in
 * whatever order they come. A clause given twice is a syntax error at its second occurrence.
 *
 * <p>Whether a combination makes sense (aging on a table that is not HYBRID, say) is not checked
 * here: that is the executor's call, which knows the catalog.
 *
 * <p>Confined to the single parser call that creates it.
 */
public final class TableClauses {
  private final ClauseSet given = new ClauseSet();
  SqlIdentifier agingFlag;
  SqlNode agingRule;
  SqlLiteral agingSchedule;
  ColdPartitionGranularity coldPartitionGranularity;
  SqlIdentifier coldPartitionColumn;
  boolean extendedStorage;
  SqlSeriesDefinition series;

  public void agingFlag(SqlIdentifier column, SqlParserPos pos) {
    given.once("AGING FLAG", pos);
    agingFlag = column;
  }

  public void agingRule(SqlNode condition, SqlParserPos pos) {
    given.once("AGING RULE", pos);
    agingRule = condition;
  }

  public void agingSchedule(SqlLiteral schedule, SqlParserPos pos) {
    given.once("AGING SCHEDULE", pos);
    agingSchedule = schedule;
  }

  public void coldPartition(
      ColdPartitionGranularity granularity, SqlIdentifier column, SqlParserPos pos) {
    given.once("COLD PARTITION BY", pos);
    coldPartitionGranularity = granularity;
    coldPartitionColumn = column;
  }

  public void extendedStorage(SqlParserPos pos) {
    given.once("USING EXTENDED STORAGE", pos);
    extendedStorage = true;
  }

  public void series(SqlSeriesDefinition definition) {
    given.once("SERIES", definition.getParserPosition());
    series = definition;
  }
}
