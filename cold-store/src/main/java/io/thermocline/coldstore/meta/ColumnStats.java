package io.thermocline.coldstore.meta;

/**
 * Statistics of one column of one cold file, as storage values: the NULL count, and the minimum and
 * maximum non-NULL value in Thermocline's order ({@code ExprEvaluator.compare}: longs signed,
 * doubles by {@code Double.compare} so NaN is largest, strings by UTF-16 code units). {@code
 * min}/{@code max} are {@code null} when unknown (all NULL, or strings too long to keep).
 * Immutable.
 */
public record ColumnStats(long nullCount, Object min, Object max) {

  /** Stats of a column the file does not have (added later by ALTER TABLE): all NULL. */
  public static ColumnStats allNull(long rowCount) {
    return new ColumnStats(rowCount, null, null);
  }

  public boolean hasMinMax() {
    return min != null && max != null;
  }
}
