package io.thermocline.sql.dml;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.Database;
import io.thermocline.engine.Transaction;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.sql.parser.ThermoSqlParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;

/**
 * Runs one INSERT, UPDATE or DELETE against the engine. INSERT ... VALUES of constants and bind
 * parameters goes straight to the engine; any other INSERT source runs as a query through {@code
 * queryRunner} and its rows are inserted. UPDATE assigns constants; UPDATE and DELETE take WHERE
 * clauses {@link WhereTranslator} reads. Writes go through {@code writer}, which decides between
 * the open transaction and autocommit. Stateless apart from its collaborators; one statement at a
 * time.
 */
public final class DmlExecutor {
  private final Database database;
  private final Function<Function<Transaction, Long>, Long> writer;
  private final Function<String, List<Object[]>> queryRunner;

  public DmlExecutor(
      Database database,
      Function<Function<Transaction, Long>, Long> writer,
      Function<String, List<Object[]>> queryRunner) {
    this.database = database;
    this.writer = writer;
    this.queryRunner = queryRunner;
  }

  /** Whether {@code node} is a statement this executor runs. */
  public static boolean handles(SqlNode node) {
    return node instanceof SqlInsert || node instanceof SqlUpdate || node instanceof SqlDelete;
  }

  /** Runs {@code node} with bind values {@code params}; returns the affected row count. */
  public long execute(SqlNode node, List<Object> params) {
    if (node instanceof SqlInsert insert) {
      return insert(insert, params);
    }
    if (node instanceof SqlUpdate update) {
      return update(update, params);
    }
    if (node instanceof SqlDelete delete) {
      String table = tableName(delete.getTargetTable());
      Expr filter = WhereTranslator.translate(delete.getCondition(), params);
      return writer.apply(tx -> tx.delete(table, filter));
    }
    throw new ThermoException(ErrorCode.UNSUPPORTED, "not a DML statement: " + node.getKind());
  }

  private long insert(SqlInsert insert, List<Object> params) {
    String table = tableName(insert.getTargetTable());
    TableDefinition def = definition(table);
    Schema schema = def.schema();
    int flag = def.agingFlag() == null ? -1 : def.agingFlagIndex();
    int[] targets = targetColumns(schema, table, insert.getTargetColumnList());
    List<Object[]> sourceRows = sourceRows(insert.getSource(), params);
    List<Object[]> rows = new ArrayList<>(sourceRows.size());
    for (Object[] src : sourceRows) {
      if (src.length != targets.length) {
        throw new ThermoException(
            ErrorCode.WRONG_COLUMN_COUNT,
            "INSERT into "
                + table
                + " names "
                + targets.length
                + " columns but a row has "
                + src.length
                + " values");
      }
      Object[] row = new Object[schema.size()];
      for (int i = 0; i < targets.length; i++) {
        row[targets[i]] = src[i];
      }
      if (flag >= 0 && row[flag] == null) {
        row[flag] = Boolean.FALSE;
      }
      rows.add(row);
    }
    if (rows.isEmpty()) {
      return 0;
    }
    return writer.apply(tx -> tx.insertRows(table, rows));
  }

  private List<Object[]> sourceRows(SqlNode source, List<Object> params) {
    if (source.getKind() == SqlKind.VALUES && allConstant((SqlBasicCall) source)) {
      List<Object[]> rows = new ArrayList<>();
      for (SqlNode r : ((SqlBasicCall) source).getOperandList()) {
        List<SqlNode> values = ((SqlBasicCall) r).getOperandList();
        Object[] row = new Object[values.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = SqlValues.value(values.get(i), params);
        }
        rows.add(row);
      }
      return rows;
    }
    if (!params.isEmpty()) {
      throw new ThermoException(
          ErrorCode.UNSUPPORTED, "bind parameters in an INSERT ... SELECT are not supported yet");
    }
    List<Object[]> rows = queryRunner.apply(ThermoSqlParser.toSql(source));
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        row[i] = SqlValues.normalize(row[i]);
      }
    }
    return rows;
  }

  private static boolean allConstant(SqlBasicCall values) {
    for (SqlNode r : values.getOperandList()) {
      if (!(r instanceof SqlBasicCall row) || row.getKind() != SqlKind.ROW) {
        return false;
      }
      for (SqlNode v : row.getOperandList()) {
        if (!SqlValues.isConstant(v)) {
          return false;
        }
      }
    }
    return true;
  }

  private long update(SqlUpdate update, List<Object> params) {
    String table = tableName(update.getTargetTable());
    Schema schema = definition(table).schema();
    Map<String, Object> assignments = new LinkedHashMap<>();
    SqlNodeList columns = update.getTargetColumnList();
    SqlNodeList sources = update.getSourceExpressionList();
    for (int i = 0; i < columns.size(); i++) {
      String column = lastName((SqlIdentifier) columns.get(i));
      if (schema.find(column) < 0) {
        throw unknownColumn(table, column);
      }
      SqlNode value = sources.get(i);
      if (!SqlValues.isConstant(value)) {
        throw new ThermoException(
            ErrorCode.UNSUPPORTED,
            "UPDATE "
                + table
                + " SET "
                + column
                + " = "
                + value
                + ": only constants are supported");
      }
      assignments.put(column, SqlValues.value(value, params));
    }
    Expr filter = WhereTranslator.translate(update.getCondition(), params);
    return writer.apply(tx -> tx.update(table, filter, assignments));
  }

  private int[] targetColumns(Schema schema, String table, SqlNodeList names) {
    if (names == null || names.isEmpty()) {
      int[] all = new int[schema.size()];
      int n = 0;
      for (int i = 0; i < schema.size(); i++) {
        if (!isHiddenFlag(table, schema.column(i))) {
          all[n++] = i;
        }
      }
      return java.util.Arrays.copyOf(all, n);
    }
    int[] idx = new int[names.size()];
    for (int i = 0; i < idx.length; i++) {
      String column = lastName((SqlIdentifier) names.get(i));
      idx[i] = schema.find(column);
      if (idx[i] < 0) {
        throw unknownColumn(table, column);
      }
    }
    return idx;
  }

  // The engine appends a hybrid table's aging flag; INSERT without a column list leaves it out,
  // as the user never declared it.
  private boolean isHiddenFlag(String table, Column c) {
    TableDefinition d = definition(table);
    return d.agingFlag() != null
        && d.agingFlag().equals(c.name())
        && TableDefinition.DEFAULT_AGING_FLAG.equals(c.name());
  }

  private TableDefinition definition(String table) {
    return database.tables().stream()
        .filter(d -> d.name().equals(table))
        .findFirst()
        .orElseThrow(
            () -> new ThermoException(ErrorCode.UNKNOWN_TABLE, "table " + table + " not found"));
  }

  private static ThermoException unknownColumn(String table, String column) {
    return new ThermoException(
        ErrorCode.UNKNOWN_COLUMN, "table " + table + " has no column " + column);
  }

  private static String tableName(SqlNode target) {
    if (!(target instanceof SqlIdentifier id)) {
      throw new ThermoException(ErrorCode.UNSUPPORTED, "DML target must be a table: " + target);
    }
    return lastName(id);
  }

  private static String lastName(SqlIdentifier id) {
    return id.names.get(id.names.size() - 1);
  }
}
