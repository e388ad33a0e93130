package io.thermocline.sql.parser.ddl;

import java.util.Objects;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ALTER TABLE name action}: the table part shared by the ALTER TABLE statements; each
 * subclass is one action ({@link SqlAlterTableSetAgingRule}, {@link SqlAlterTableSetAgingSchedule},
 * {@link SqlAlterTableSwitchAging}, {@link SqlAlterTableAddColumn}).
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public abstract class SqlAlterThermoTable extends SqlDdl {
  static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);

  private final SqlIdentifier table;

  SqlAlterThermoTable(SqlParserPos pos, SqlIdentifier table) {
    super(OPERATOR, pos);
    this.table = Objects.requireNonNull(table, "table");
  }

  public SqlIdentifier table() {
    return table;
  }

  @Override
  public final void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER TABLE");
    table.unparse(writer, 0, 0);
    unparseAction(writer);
  }

  /** Writes what follows {@code ALTER TABLE name}. */
  protected abstract void unparseAction(SqlWriter writer);
}
