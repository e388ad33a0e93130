package io.thermocline.hotstore;

/**
 * What one delta merge did: delta rows merged, row versions dropped (ended at or before the oldest
 * live snapshot), main rows before and after, and how long it took. {@code merged} is false when
 * there was nothing to do.
 */
public record MergeResult(
    boolean merged,
    long mergedDeltaRows,
    long droppedRows,
    long mainRowsBefore,
    long mainRowsAfter,
    long nanos) {

  static MergeResult nothing(long mainRows) {
    return new MergeResult(false, 0, 0, mainRows, mainRows, 0);
  }
}
