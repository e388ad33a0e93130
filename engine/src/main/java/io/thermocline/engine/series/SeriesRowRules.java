package io.thermocline.engine.series;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.engine.catalog.TableDefinition;
import java.util.List;

/**
 * The per-row rules of a series table, checked when a statement hands rows to its transaction
 * (before anything is buffered, so a failing statement leaves no trace): the period is not NULL,
 * lies within MINVALUE/MAXVALUE and, for an equidistant series, on the grid. Uniqueness needs the
 * table's state and is checked at commit by {@link SeriesKeySet}. Immutable; thread-safe.
 */
public final class SeriesRowRules {
  private final String table;
  private final Schema schema;
  private final int[] keyColumns;
  private final int periodColumn;
  private final PeriodGrid grid;

  private SeriesRowRules(String table, Schema schema, SeriesSpec spec) {
    this.table = table;
    this.schema = schema;
    List<String> keys = spec.seriesKey();
    this.keyColumns = new int[keys.size()];
    for (int i = 0; i < keyColumns.length; i++) {
      keyColumns[i] = schema.indexOf(keys.get(i));
    }
    this.periodColumn = schema.indexOf(spec.periodColumn());
    this.grid = new PeriodGrid(spec, schema);
  }

  /** The rules of a table, or null when it is not a series table. */
  public static SeriesRowRules of(TableDefinition d) {
    return d.series() == null ? null : new SeriesRowRules(d.name(), d.schema(), d.series());
  }

  /** Checks rows of storage values (full schema). */
  public void checkRows(List<Object[]> rows) {
    for (Object[] row : rows) {
      checkRow(row);
    }
  }

  /** Checks one row of storage values (full schema), e.g. the new version of an updated row. */
  public void checkRow(Object[] row) {
    Object t = row[periodColumn];
    if (t == null) {
      throw violation(row, "the period " + name() + " is NULL");
    }
    String problem = grid.problem((Long) t);
    if (problem != null) {
      throw violation(row, "period " + name() + " " + problem);
    }
  }

  /** Checks a batch of storage values (full schema) without boxing the rows that pass. */
  public void checkBatch(ColumnBatch batch) {
    LongVector p = (LongVector) batch.column(periodColumn);
    for (int r = 0; r < batch.rowCount(); r++) {
      if (p.isNull(r) || !grid.inBounds(p.get(r)) || !grid.onGrid(p.get(r))) {
        checkRow(batch.row(r));
      }
    }
  }

  private String name() {
    return schema.column(periodColumn).name();
  }

  private ThermoException violation(Object[] row, String what) {
    return new ThermoException(
        ErrorCode.SERIES_VIOLATION,
        "table " + table + ", series " + describeKey(schema, keyColumns, row) + ": " + what);
  }

  /** The series key of a row as text, e.g. {@code (meter_id)=(7)}. */
  static String describeKey(Schema schema, int[] keyColumns, Object[] row) {
    StringBuilder names = new StringBuilder("(");
    StringBuilder values = new StringBuilder("(");
    for (int i = 0; i < keyColumns.length; i++) {
      String sep = i == 0 ? "" : ", ";
      names.append(sep).append(schema.column(keyColumns[i]).name());
      values.append(sep).append(schema.column(keyColumns[i]).type().toJava(row[keyColumns[i]]));
    }
    return names.append(")=").append(values).append(')').toString();
  }
}
