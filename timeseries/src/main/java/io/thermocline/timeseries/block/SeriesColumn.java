package io.thermocline.timeseries.block;

import io.thermocline.common.batch.NullBitmap;

/**
 * One value column of a {@link SeriesBlock}: longs or doubles, one per row (present element), with
 * an optional null bitmap (bit set = NULL, as in {@link NullBitmap}). A NULL row's slot holds 0
 * after decoding; writers may put anything there.
 *
 * <p>Immutable by convention: the arrays are shared, not copied, so neither side may modify them
 * after construction.
 */
public final class SeriesColumn {
  private final long[] longs;
  private final double[] doubles;
  private final long[] nulls;
  private final int rows;

  private SeriesColumn(long[] longs, double[] doubles, long[] nulls, int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("negative row count " + rows);
    }
    if (nulls != null && nulls.length < NullBitmap.words(rows)) {
      throw new IllegalArgumentException(
          "null bitmap of " + nulls.length + " words is too short for " + rows + " rows");
    }
    this.longs = longs;
    this.doubles = doubles;
    this.nulls = nulls;
    this.rows = rows;
  }

  /** A column of the first {@code rows} entries of {@code values}; {@code nulls} may be null. */
  public static SeriesColumn ofLongs(long[] values, int rows, long[] nulls) {
    if (values.length < rows) {
      throw new IllegalArgumentException(values.length + " longs given for " + rows + " rows");
    }
    return new SeriesColumn(values, null, nulls, rows);
  }

  /** A column of the first {@code rows} entries of {@code values}; {@code nulls} may be null. */
  public static SeriesColumn ofDoubles(double[] values, int rows, long[] nulls) {
    if (values.length < rows) {
      throw new IllegalArgumentException(values.length + " doubles given for " + rows + " rows");
    }
    return new SeriesColumn(null, values, nulls, rows);
  }

  public boolean isDouble() {
    return doubles != null;
  }

  public int rows() {
    return rows;
  }

  /** The values of a long column; throws for a double column. */
  public long[] longs() {
    if (longs == null) {
      throw new IllegalStateException("a DOUBLE column has no longs");
    }
    return longs;
  }

  /** The values of a double column; throws for a long column. */
  public double[] doubles() {
    if (doubles == null) {
      throw new IllegalStateException("a LONG column has no doubles");
    }
    return doubles;
  }

  /** The null bitmap, or null when no row is NULL. */
  public long[] nulls() {
    return nulls;
  }

  public boolean isNull(int row) {
    return nulls != null && NullBitmap.get(nulls, row);
  }
}
