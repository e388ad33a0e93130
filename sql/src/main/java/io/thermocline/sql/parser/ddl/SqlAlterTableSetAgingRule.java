package io.thermocline.sql.parser.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ALTER TABLE name SET AGING RULE (condition)}.
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SqlAlterTableSetAgingRule extends SqlAlterThermoTable {
  private final SqlNode rule;

  public SqlAlterTableSetAgingRule(SqlParserPos pos, SqlIdentifier table, SqlNode rule) {
    super(pos, table);
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /** The condition, without its parentheses. */
  public SqlNode rule() {
    return rule;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(table(), rule);
  }

  @Override
  protected void unparseAction(SqlWriter writer) {
    writer.keyword("SET AGING RULE");
    SqlCreateThermoTable.unparseParenthesized(writer, rule);
  }
}
