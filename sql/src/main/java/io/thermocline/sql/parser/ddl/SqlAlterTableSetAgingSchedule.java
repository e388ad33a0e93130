package io.thermocline.sql.parser.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ALTER TABLE name SET AGING SCHEDULE 'spec'}.
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SqlAlterTableSetAgingSchedule extends SqlAlterThermoTable {
  private final SqlLiteral schedule;

  public SqlAlterTableSetAgingSchedule(SqlParserPos pos, SqlIdentifier table, SqlLiteral schedule) {
    super(pos, table);
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** The schedule text ({@code EVERY 15 MINUTES}, {@code CRON 0 0 2 * * ?}). */
  public String schedule() {
    return schedule.getValueAs(String.class);
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(table(), schedule);
  }

  @Override
  protected void unparseAction(SqlWriter writer) {
    writer.keyword("SET AGING SCHEDULE");
    schedule.unparse(writer, 0, 0);
  }
}
