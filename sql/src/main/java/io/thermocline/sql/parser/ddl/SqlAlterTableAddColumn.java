package io.thermocline.sql.parser.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ALTER TABLE name ADD [COLUMN] column-definition}.
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SqlAlterTableAddColumn extends SqlAlterThermoTable {
  private final SqlColumnDefinition column;

  public SqlAlterTableAddColumn(SqlParserPos pos, SqlIdentifier table, SqlColumnDefinition column) {
    super(pos, table);
    this.column = Objects.requireNonNull(column, "column");
  }

  public SqlColumnDefinition column() {
    return column;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(table(), column);
  }

  @Override
  protected void unparseAction(SqlWriter writer) {
    writer.keyword("ADD COLUMN");
    column.unparse(writer, 0, 0);
  }
}
