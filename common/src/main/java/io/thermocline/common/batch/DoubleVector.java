package io.thermocline.common.batch;

import io.thermocline.common.type.DataType;

/** Vector of DOUBLE values. */
public final class DoubleVector extends ColumnVector {
  private final double[] values;

  public DoubleVector(DataType type, double[] values, int size, long[] nulls) {
    super(type, size, nulls);
    this.values = values;
  }

  /** The backing array; only the first {@link #size()} entries are meaningful. Do not modify. */
  public double[] values() {
    return values;
  }

  public double get(int row) {
    return values[row];
  }

  @Override
  public Object getObject(int row) {
    return isNull(row) ? null : values[row];
  }
}
