package io.thermocline.sql.parser.ddl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (col [ASC | DESC], ...)}. A column
 * store has no use for a secondary index as such; the statement is accepted (DESIGN.md section 8)
 * so that scripts written for row stores run, and the executor may treat it as a hint.
 *
 * <p>A DESC column is held as a {@code DESC} call around its identifier, as Calcite does in ORDER
 * BY; ASC is the default and is not kept.
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SqlCreateIndex extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX);

  private final boolean unique;
  private final SqlIdentifier name;
  private final SqlIdentifier table;
  private final SqlNodeList columns;

  public SqlCreateIndex(
      SqlParserPos pos,
      boolean unique,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlIdentifier table,
      SqlNodeList columns) {
    super(OPERATOR, pos, false, ifNotExists);
    this.unique = unique;
    this.name = Objects.requireNonNull(name, "name");
    this.table = Objects.requireNonNull(table, "table");
    this.columns = Objects.requireNonNull(columns, "columns");
  }

  public boolean isUnique() {
    return unique;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  public SqlIdentifier name() {
    return name;
  }

  public SqlIdentifier table() {
    return table;
  }

  /** Identifiers, or {@code DESC(identifier)} calls, in index order. */
  public SqlNodeList columns() {
    return columns;
  }

  public List<String> columnNames() {
    List<String> names = new ArrayList<>(columns.size());
    for (SqlNode column : columns) {
      names.add(identifierOf(column).getSimple());
    }
    return names;
  }

  /** Whether the index's {@code i}-th column was declared DESC. */
  public boolean isDescending(int i) {
    return columns.get(i).getKind() == SqlKind.DESCENDING;
  }

  private static SqlIdentifier identifierOf(SqlNode column) {
    if (column.getKind() == SqlKind.DESCENDING) {
      return (SqlIdentifier) ((SqlCall) column).operand(0);
    }
    return (SqlIdentifier) column;
  }

  @Override
  public List<SqlNode> getOperandList() {
    SqlParserPos pos = getParserPosition();
    return Arrays.asList(
        SqlLiteral.createBoolean(unique, pos),
        SqlLiteral.createBoolean(ifNotExists, pos),
        name,
        table,
        columns);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (unique) {
      writer.keyword("UNIQUE");
    }
    writer.keyword("INDEX");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, 0, 0);
    writer.keyword("ON");
    table.unparse(writer, 0, 0);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode column : columns) {
      writer.sep(",");
      identifierOf(column).unparse(writer, 0, 0);
      if (column.getKind() == SqlKind.DESCENDING) {
        writer.keyword("DESC");
      }
    }
    writer.endList(frame);
  }
}
