package io.thermocline.timeseries.block;

import io.thermocline.common.batch.NullBitmap;
import java.util.List;

/**
 * One block of one series: the series key, its timestamps and its value columns, decoded.
 *
 * <p>An <b>equidistant</b> block covers the grid {@code start + i * increment} for {@code 0 <= i <
 * count}; a missing-element bitmap (bit set = no element at that grid position) says which
 * positions hold rows, and no timestamp is stored at all. An <b>irregular</b> block holds one
 * timestamp per row instead. Either way the columns hold one value per row, rows in timestamp
 * order.
 *
 * <p>Immutable by convention: arrays are shared, not copied, and nobody may modify them after
 * construction. Safe to read from many threads once published.
 */
public final class SeriesBlock {
  private final byte[] seriesKey;
  private final boolean equidistant;
  private final long start;
  private final long increment;
  private final int count;
  private final long[] missing;
  private final long[] timestamps;
  private final int rows;
  private final List<SeriesColumn> columns;

  private SeriesBlock(
      byte[] seriesKey,
      boolean equidistant,
      long start,
      long increment,
      int count,
      long[] missing,
      long[] timestamps,
      List<SeriesColumn> columns) {
    if (count < 0 || count > SeriesBlockFormat.MAX_COUNT) {
      throw new IllegalArgumentException(
          "block count " + count + " outside [0, " + SeriesBlockFormat.MAX_COUNT + "]");
    }
    if (seriesKey.length > SeriesBlockFormat.MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "series key of " + seriesKey.length + " bytes is too long");
    }
    if (missing != null && missing.length < NullBitmap.words(count)) {
      throw new IllegalArgumentException("missing bitmap is too short for " + count + " elements");
    }
    if (columns.size() > SeriesBlockFormat.MAX_COLUMNS) {
      throw new IllegalArgumentException("too many columns: " + columns.size());
    }
    this.seriesKey = seriesKey;
    this.equidistant = equidistant;
    this.start = start;
    this.increment = increment;
    this.count = count;
    this.missing = missing;
    this.timestamps = timestamps;
    this.rows = missing == null ? count : count - NullBitmap.cardinality(missing, count);
    this.columns = List.copyOf(columns);
    for (int c = 0; c < this.columns.size(); c++) {
      if (this.columns.get(c).rows() != rows) {
        throw new IllegalArgumentException(
            "column " + c + " has " + this.columns.get(c).rows() + " rows, the block " + rows);
      }
    }
  }

  /**
   * An equidistant block over {@code count} grid positions from {@code start}; {@code missing} (may
   * be null: nothing missing) marks the positions without a row.
   */
  public static SeriesBlock equidistant(
      byte[] seriesKey,
      long start,
      long increment,
      int count,
      long[] missing,
      List<SeriesColumn> columns) {
    if (increment <= 0) {
      throw new IllegalArgumentException("increment must be positive, was " + increment);
    }
    if (count > 0) {
      try {
        Math.addExact(start, Math.multiplyExact(count - 1L, increment));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "grid of " + count + " points from " + start + " by " + increment + " overflows");
      }
    }
    return new SeriesBlock(seriesKey, true, start, increment, count, missing, null, columns);
  }

  /**
   * An irregular block: one timestamp per row, the first {@code rows} of {@code timestamps}, in
   * ascending order (the block does not check the order; the engine does).
   */
  public static SeriesBlock irregular(
      byte[] seriesKey, long[] timestamps, int rows, List<SeriesColumn> columns) {
    if (timestamps.length < rows) {
      throw new IllegalArgumentException(timestamps.length + " timestamps for " + rows + " rows");
    }
    long first = rows == 0 ? 0 : timestamps[0];
    return new SeriesBlock(seriesKey, false, first, 0, rows, null, timestamps, columns);
  }

  public byte[] seriesKey() {
    return seriesKey;
  }

  public boolean isEquidistant() {
    return equidistant;
  }

  /** First grid position (equidistant) or first timestamp (irregular; 0 when empty). */
  public long start() {
    return start;
  }

  /** The grid increment; 0 for an irregular block. */
  public long increment() {
    return increment;
  }

  /** Grid positions covered (equidistant) or rows (irregular). */
  public int count() {
    return count;
  }

  /** Rows, i.e. present elements. */
  public int rows() {
    return rows;
  }

  /** The missing-element bitmap over {@link #count()} positions, or null when none is missing. */
  public long[] missing() {
    return missing;
  }

  public boolean isMissing(int position) {
    return missing != null && NullBitmap.get(missing, position);
  }

  public List<SeriesColumn> columns() {
    return columns;
  }

  /**
   * The timestamp of every row: computed from the grid for equidistant blocks; for irregular blocks
   * the array given, of which the first {@link #rows()} entries are meaningful.
   */
  public long[] timestamps() {
    if (!equidistant) {
      return timestamps;
    }
    long[] out = new long[rows];
    int row = 0;
    for (int i = 0; i < count; i++) {
      if (missing == null || !NullBitmap.get(missing, i)) {
        out[row++] = start + i * increment;
      }
    }
    return out;
  }
}
