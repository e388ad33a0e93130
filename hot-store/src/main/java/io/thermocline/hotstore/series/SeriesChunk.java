package io.thermocline.hotstore.series;

/**
 * Up to {@link io.thermocline.hotstore.delta.DeltaChunk#ROWS} consecutive rows of a series main,
 * cut into runs of one series key. Per run: the key values (one per key column, not per row), how
 * the period is stored ({@link #EQUIDISTANT} grid, {@link #IRREGULAR} timestamps, or {@link
 * #COLUMN} when a period is NULL) and one encoded series block per other column (the period's block
 * holds the grid or the timestamps). Immutable.
 */
final class SeriesChunk {
  static final byte EQUIDISTANT = 0;
  static final byte IRREGULAR = 1;
  static final byte COLUMN = 2;

  final int rows;

  /** Run {@code r} covers rows {@code [runStarts[r], runStarts[r + 1])} of the chunk. */
  final int[] runStarts;

  /** {@code keys[slot][r]}: the key value of run {@code r} (a dictionary id for VARCHAR). */
  final long[][] keys;

  /** {@code keyNulls[slot]}: bit {@code r} set when run {@code r}'s key value is NULL; or null. */
  final long[][] keyNulls;

  final byte[] periodModes;

  /** {@code blocks[column][r]}; null for key columns. */
  final byte[][][] blocks;

  /**
   * Smallest and largest non-NULL value of each LONG-stored column in the chunk (so a range filter
   * skips it undecoded); {@code MAX_VALUE}/{@code MIN_VALUE} for other columns and all-NULL ones.
   */
  final long[] lows;

  final long[] highs;

  SeriesChunk(
      int rows,
      int[] runStarts,
      long[][] keys,
      long[][] keyNulls,
      byte[] periodModes,
      byte[][][] blocks,
      long[] lows,
      long[] highs) {
    this.rows = rows;
    this.runStarts = runStarts;
    this.keys = keys;
    this.keyNulls = keyNulls;
    this.periodModes = periodModes;
    this.blocks = blocks;
    this.lows = lows;
    this.highs = highs;
  }

  /** Whether a LONG-stored column may hold a value in {@code [lo, hi]} in this chunk. */
  boolean mayHold(int column, long lo, long hi) {
    return lows[column] <= hi && highs[column] >= lo;
  }

  int runs() {
    return runStarts.length - 1;
  }

  /** Heap bytes of one column's blocks (array headers included). */
  long blockBytes(int column) {
    byte[][] b = blocks[column];
    if (b == null) {
      return 0;
    }
    long n = 16L + 4L * b.length;
    for (byte[] x : b) {
      n += 16L + x.length;
    }
    return n;
  }

  /** Heap bytes of the run directory (run starts, period modes, the block arrays' headers). */
  long directoryBytes() {
    return 16L + 4L * runStarts.length + 16L + periodModes.length + 16L + 8L * keys.length;
  }
}
