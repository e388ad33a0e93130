package io.thermocline.sql.parser.ddl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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
 * {@code CREATE [HYBRID] TABLE [IF NOT EXISTS] name (columns and keys)} followed, in any order, by
 * {@code AGING FLAG col}, {@code AGING RULE (condition)}, {@code AGING SCHEDULE 'spec'}, {@code
 * COLD PARTITION BY YEAR|MONTH|DAY (col)}, {@code USING EXTENDED STORAGE} and {@code SERIES (...)}
 * (DESIGN.md section 2). Not Calcite's {@code org.apache.calcite.sql.ddl.SqlCreateTable}: this one
 * carries Thermocline's tiering clauses.
 *
 * <p>At most one primary key: a column-level PRIMARY KEY and a table-level one together, or two of
 * either, are a syntax error.
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SqlCreateThermoTable extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  private final boolean hybrid;
  private final SqlIdentifier name;
  private final SqlNodeList elements;
  private final SqlIdentifier agingFlag;
  private final SqlNode agingRule;
  private final SqlLiteral agingSchedule;
  private final ColdPartitionGranularity coldPartitionGranularity;
  private final SqlIdentifier coldPartitionColumn;
  private final boolean extendedStorage;
  private final SqlSeriesDefinition series;

  /**
   * @param elements {@link SqlColumnDefinition}s and {@link SqlTableConstraint}s in written order
   * @param clauses the optional clauses after the element list
   */
  public SqlCreateThermoTable(
      SqlParserPos pos,
      boolean hybrid,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlNodeList elements,
      TableClauses clauses) {
    super(OPERATOR, pos, false, ifNotExists);
    this.hybrid = hybrid;
    this.name = Objects.requireNonNull(name, "name");
    this.elements = Objects.requireNonNull(elements, "elements");
    this.agingFlag = clauses.agingFlag;
    this.agingRule = clauses.agingRule;
    this.agingSchedule = clauses.agingSchedule;
    this.coldPartitionGranularity = clauses.coldPartitionGranularity;
    this.coldPartitionColumn = clauses.coldPartitionColumn;
    this.extendedStorage = clauses.extendedStorage;
    this.series = clauses.series;
    requireAtMostOnePrimaryKey(elements);
  }

  private static void requireAtMostOnePrimaryKey(SqlNodeList elements) {
    boolean seen = false;
    for (SqlNode element : elements) {
      boolean declares =
          element instanceof SqlColumnDefinition
              ? ((SqlColumnDefinition) element).isPrimaryKey()
              : ((SqlTableConstraint) element).isPrimaryKey();
      if (declares && seen) {
        throw ClauseSet.syntaxError(
            element.getParserPosition(), "a table has at most one PRIMARY KEY");
      }
      seen |= declares;
    }
  }

  public boolean isHybrid() {
    return hybrid;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  public SqlIdentifier name() {
    return name;
  }

  /** Columns and table-level keys, in written order. */
  public SqlNodeList elements() {
    return elements;
  }

  public List<SqlColumnDefinition> columns() {
    List<SqlColumnDefinition> columns = new ArrayList<>();
    for (SqlNode element : elements) {
      if (element instanceof SqlColumnDefinition) {
        columns.add((SqlColumnDefinition) element);
      }
    }
    return columns;
  }

  public List<SqlTableConstraint> constraints() {
    List<SqlTableConstraint> constraints = new ArrayList<>();
    for (SqlNode element : elements) {
      if (element instanceof SqlTableConstraint) {
        constraints.add((SqlTableConstraint) element);
      }
    }
    return constraints;
  }

  /**
   * The primary key's columns in key order, whether declared on a column ({@code id INTEGER PRIMARY
   * KEY}) or as a table constraint; empty when the table has none.
   */
  public List<String> primaryKeyColumns() {
    for (SqlNode element : elements) {
      if (element instanceof SqlColumnDefinition
          && ((SqlColumnDefinition) element).isPrimaryKey()) {
        return List.of(((SqlColumnDefinition) element).columnName());
      }
      if (element instanceof SqlTableConstraint && ((SqlTableConstraint) element).isPrimaryKey()) {
        return ((SqlTableConstraint) element).columnNames();
      }
    }
    return List.of();
  }

  /** The AGING FLAG column, or null. */
  public SqlIdentifier agingFlag() {
    return agingFlag;
  }

  /** The AGING RULE condition (without its parentheses), or null. */
  public SqlNode agingRule() {
    return agingRule;
  }

  /** The AGING SCHEDULE text ({@code EVERY 15 MINUTES}, {@code CRON ...}), or null. */
  public String agingSchedule() {
    return agingSchedule == null ? null : agingSchedule.getValueAs(String.class);
  }

  /** COLD PARTITION BY's unit, or null. */
  public ColdPartitionGranularity coldPartitionGranularity() {
    return coldPartitionGranularity;
  }

  /** COLD PARTITION BY's column, or null. */
  public SqlIdentifier coldPartitionColumn() {
    return coldPartitionColumn;
  }

  /** USING EXTENDED STORAGE: a cold-only table. */
  public boolean usesExtendedStorage() {
    return extendedStorage;
  }

  /** The SERIES clause, or null. */
  public SqlSeriesDefinition series() {
    return series;
  }

  @Override
  public List<SqlNode> getOperandList() {
    SqlParserPos pos = getParserPosition();
    return Arrays.asList(
        SqlLiteral.createBoolean(hybrid, pos),
        SqlLiteral.createBoolean(ifNotExists, pos),
        name,
        elements,
        agingFlag,
        agingRule,
        agingSchedule,
        coldPartitionGranularity == null
            ? null
            : SqlLiteral.createSymbol(coldPartitionGranularity, pos),
        coldPartitionColumn,
        SqlLiteral.createBoolean(extendedStorage, pos),
        series);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (hybrid) {
      writer.keyword("HYBRID");
    }
    writer.keyword("TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, 0, 0);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode element : elements) {
      writer.sep(",");
      element.unparse(writer, 0, 0);
    }
    writer.endList(frame);
    if (series != null) {
      series.unparse(writer, 0, 0);
    }
    if (extendedStorage) {
      writer.keyword("USING EXTENDED STORAGE");
    }
    if (agingFlag != null) {
      writer.keyword("AGING FLAG");
      agingFlag.unparse(writer, 0, 0);
    }
    if (agingRule != null) {
      writer.keyword("AGING RULE");
      unparseParenthesized(writer, agingRule);
    }
    if (agingSchedule != null) {
      writer.keyword("AGING SCHEDULE");
      agingSchedule.unparse(writer, 0, 0);
    }
    if (coldPartitionGranularity != null) {
      writer.keyword("COLD PARTITION BY");
      writer.keyword(coldPartitionGranularity.name());
      SqlWriter.Frame column = writer.startList("(", ")");
      coldPartitionColumn.unparse(writer, 0, 0);
      writer.endList(column);
    }
  }

  /** Writes {@code (expression)}; AGING RULE's condition is always parenthesized. */
  static void unparseParenthesized(SqlWriter writer, SqlNode expression) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    expression.unparse(writer, 0, 0);
    writer.endList(frame);
  }
}
