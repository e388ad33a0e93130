package io.thermocline.sql.parser.ddl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A table-level key: {@code [CONSTRAINT name] PRIMARY KEY (a, b)} or {@code [CONSTRAINT name]
 * UNIQUE (a, b)}.
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SqlTableConstraint extends SqlCall {
  private static final SqlOperator PRIMARY_KEY =
      new SqlSpecialOperator("PRIMARY KEY", SqlKind.PRIMARY_KEY);
  private static final SqlOperator UNIQUE = new SqlSpecialOperator("UNIQUE", SqlKind.UNIQUE);

  private final SqlIdentifier constraintName;
  private final boolean primaryKey;
  private final SqlNodeList columns;

  /**
   * @param constraintName the CONSTRAINT name, or null
   * @param primaryKey true for PRIMARY KEY, false for UNIQUE
   * @param columns simple identifiers, in key order
   */
  public SqlTableConstraint(
      SqlParserPos pos, SqlIdentifier constraintName, boolean primaryKey, SqlNodeList columns) {
    super(pos);
    this.constraintName = constraintName;
    this.primaryKey = primaryKey;
    this.columns = Objects.requireNonNull(columns, "columns");
  }

  /** The CONSTRAINT name, or null when none was given. */
  public SqlIdentifier constraintName() {
    return constraintName;
  }

  public boolean isPrimaryKey() {
    return primaryKey;
  }

  public SqlNodeList columns() {
    return columns;
  }

  /** The key's column names in key order. */
  public List<String> columnNames() {
    List<String> names = new ArrayList<>(columns.size());
    for (SqlNode column : columns) {
      names.add(((SqlIdentifier) column).getSimple());
    }
    return names;
  }

  @Override
  public SqlOperator getOperator() {
    return primaryKey ? PRIMARY_KEY : UNIQUE;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return Arrays.asList(constraintName, columns);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (constraintName != null) {
      writer.keyword("CONSTRAINT");
      constraintName.unparse(writer, 0, 0);
    }
    writer.keyword(primaryKey ? "PRIMARY KEY" : "UNIQUE");
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode column : columns) {
      writer.sep(",");
      column.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
