package io.thermocline.common.batch;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of rows in columnar form: the unit every tier produces and consumes (typically
 * 1,024-4,096 rows). The schema is the batch's own (usually a projection of the table's). Immutable
 * once built.
 */
public final class ColumnBatch {
  private final Schema schema;
  private final int rowCount;
  private final ColumnVector[] vectors;

  public ColumnBatch(Schema schema, int rowCount, ColumnVector[] vectors) {
    if (vectors.length != schema.size()) {
      throw new ThermoException(
          ErrorCode.INTERNAL,
          "batch has " + vectors.length + " vectors for " + schema.size() + " columns");
    }
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i].size() != rowCount) {
        throw new ThermoException(
            ErrorCode.INTERNAL,
            "vector of column "
                + schema.column(i).name()
                + " has "
                + vectors[i].size()
                + " rows, batch has "
                + rowCount);
      }
    }
    this.schema = schema;
    this.rowCount = rowCount;
    this.vectors = vectors;
  }

  public Schema schema() {
    return schema;
  }

  public int rowCount() {
    return rowCount;
  }

  public int columnCount() {
    return vectors.length;
  }

  public ColumnVector column(int index) {
    return vectors[index];
  }

  public ColumnVector column(String name) {
    return vectors[schema.indexOf(name)];
  }

  /** Row {@code row} as storage values. Allocates; for tests and row-at-a-time consumers. */
  public Object[] row(int row) {
    Object[] values = new Object[vectors.length];
    for (int c = 0; c < vectors.length; c++) {
      values[c] = vectors[c].getObject(row);
    }
    return values;
  }

  /** All rows as storage values. Allocates; for tests. */
  public List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>(rowCount);
    for (int r = 0; r < rowCount; r++) {
      rows.add(row(r));
    }
    return rows;
  }
}
