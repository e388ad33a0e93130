package io.thermocline.common.batch;

import io.thermocline.common.type.DataType;

/**
 * One column of a {@link ColumnBatch}: a typed primitive array plus an optional null bitmap (bit
 * set = NULL; {@code null} bitmap = no NULLs). The values under a NULL are unspecified. Vectors are
 * immutable once handed to a consumer, so batches may be shared between threads.
 */
public abstract sealed class ColumnVector permits LongVector, DoubleVector, StringVector {
  protected final DataType type;
  protected final int size;
  protected final long[] nulls;

  protected ColumnVector(DataType type, int size, long[] nulls) {
    this.type = type;
    this.size = size;
    this.nulls = nulls;
  }

  public DataType type() {
    return type;
  }

  public int size() {
    return size;
  }

  public boolean hasNulls() {
    return nulls != null;
  }

  /** The null bitmap, or {@code null} when no value is NULL. Do not modify. */
  public long[] nulls() {
    return nulls;
  }

  public boolean isNull(int row) {
    return nulls != null && NullBitmap.get(nulls, row);
  }

  /** The storage value at {@code row} (Long, Double, String) or {@code null}. Not for hot loops. */
  public abstract Object getObject(int row);
}
