package io.thermocline.timeseries.function;

import io.thermocline.common.batch.NullBitmap;

/**
 * Values on a grid with a null bitmap (bit set = NULL; the value slot then holds 0): the result of
 * gap filling and disaggregation. Immutable by convention: callers must not modify the arrays.
 */
public final class FilledSeries {
  private final double[] values;
  private final long[] nulls;

  FilledSeries(double[] values, long[] nulls) {
    this.values = values;
    this.nulls = nulls;
  }

  public int size() {
    return values.length;
  }

  /** One value per grid position. */
  public double[] values() {
    return values;
  }

  /** The null bitmap over {@link #size()} positions. */
  public long[] nulls() {
    return nulls;
  }

  public boolean isNull(int position) {
    return NullBitmap.get(nulls, position);
  }

  public int nullCount() {
    return NullBitmap.cardinality(nulls, values.length);
  }
}
