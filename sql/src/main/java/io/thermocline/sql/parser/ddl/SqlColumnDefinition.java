package io.thermocline.sql.parser.ddl;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One column of {@code CREATE TABLE} or {@code ALTER TABLE ... ADD COLUMN}: {@code name type [NOT
 * NULL | NULL] [DEFAULT value] [PRIMARY KEY] [UNIQUE]}, the constraints in any order.
 *
 * <p>The type is kept as written (TEXT arrives as VARCHAR without a length); whether Thermocline
 * stores it is decided when the statement is executed. A column-level PRIMARY KEY does not by
 * itself make the column NOT NULL here: {@link #isNotNull()} reports only what was written.
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SqlColumnDefinition extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("COLUMN_DEFINITION", SqlKind.COLUMN_DECL);

  private final SqlIdentifier name;
  private final SqlDataTypeSpec dataType;
  private final boolean notNull;
  private final SqlNode defaultValue;
  private final boolean primaryKey;
  private final boolean unique;

  /**
   * @param dataType the type as written; its nullability is set from {@code notNull}
   * @param defaultValue the DEFAULT expression, or null
   */
  public SqlColumnDefinition(
      SqlParserPos pos,
      SqlIdentifier name,
      SqlDataTypeSpec dataType,
      boolean notNull,
      SqlNode defaultValue,
      boolean primaryKey,
      boolean unique) {
    super(pos);
    this.name = Objects.requireNonNull(name, "name");
    this.dataType = Objects.requireNonNull(dataType, "dataType").withNullable(!notNull);
    this.notNull = notNull;
    this.defaultValue = defaultValue;
    this.primaryKey = primaryKey;
    this.unique = unique;
  }

  public SqlIdentifier name() {
    return name;
  }

  /** The column name as the parser cased it (unquoted names upper-cased). */
  public String columnName() {
    return name.getSimple();
  }

  /** The declared type, nullable unless NOT NULL was written. */
  public SqlDataTypeSpec dataType() {
    return dataType;
  }

  public boolean isNotNull() {
    return notNull;
  }

  /** The DEFAULT expression, or null when none was given. */
  public SqlNode defaultValue() {
    return defaultValue;
  }

  /** Whether the column itself was declared PRIMARY KEY ({@code id INTEGER PRIMARY KEY}). */
  public boolean isPrimaryKey() {
    return primaryKey;
  }

  public boolean isUnique() {
    return unique;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    SqlParserPos pos = getParserPosition();
    return Arrays.asList(
        name,
        dataType,
        SqlLiteral.createBoolean(notNull, pos),
        defaultValue,
        SqlLiteral.createBoolean(primaryKey, pos),
        SqlLiteral.createBoolean(unique, pos));
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    dataType.unparse(writer, 0, 0);
    if (notNull) {
      writer.keyword("NOT NULL");
    }
    if (defaultValue != null) {
      writer.keyword("DEFAULT");
      unparseDefault(writer, defaultValue);
    }
    if (primaryKey) {
      writer.keyword("PRIMARY KEY");
    }
    if (unique) {
      writer.keyword("UNIQUE");
    }
  }

  // DEFAULT takes a primary expression only (so that "DEFAULT 0 NOT NULL" is unambiguous); anything
  // but a literal or identifier is written back in parentheses so that it parses again.
  private static void unparseDefault(SqlWriter writer, SqlNode value) {
    if (value instanceof SqlLiteral || value instanceof SqlIdentifier) {
      value.unparse(writer, 0, 0);
    } else {
      SqlWriter.Frame frame = writer.startList("(", ")");
      value.unparse(writer, 0, 0);
      writer.endList(frame);
    }
  }
}
