package io.thermocline.sql.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ALTER TABLE name ENABLE AGING} or {@code ALTER TABLE name DISABLE AGING}.
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SqlAlterTableSwitchAging extends SqlAlterThermoTable {
  private final boolean enable;

  public SqlAlterTableSwitchAging(SqlParserPos pos, SqlIdentifier table, boolean enable) {
    super(pos, table);
    this.enable = enable;
  }

  /** True for ENABLE AGING, false for DISABLE AGING. */
  public boolean enable() {
    return enable;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(table(), SqlLiteral.createBoolean(enable, getParserPosition()));
  }

  @Override
  protected void unparseAction(SqlWriter writer) {
    writer.keyword(enable ? "ENABLE AGING" : "DISABLE AGING");
  }
}
