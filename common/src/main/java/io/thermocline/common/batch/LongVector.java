package io.thermocline.common.batch;

import io.thermocline.common.type.DataType;

/**
 * Vector of every {@code LONG}-stored type (BOOLEAN, INTEGER, BIGINT, DECIMAL, DATE, TIMESTAMP).
 */
public final class LongVector extends ColumnVector {
  private final long[] values;

  public LongVector(DataType type, long[] values, int size, long[] nulls) {
    super(type, size, nulls);
    this.values = values;
  }

  /** The backing array; only the first {@link #size()} entries are meaningful. Do not modify. */
  public long[] values() {
    return values;
  }

  public long get(int row) {
    return values[row];
  }

  @Override
  public Object getObject(int row) {
    return isNull(row) ? null : values[row];
  }
}
