package io.thermocline.hotstore.delta;

import io.thermocline.common.schema.Schema;

/**
 * Rows laid out in {@link DeltaChunk}s of {@link DeltaChunk#ROWS} rows, as scans, filters and
 * aggregates of the delta kind read them: a delta itself, or the decoding view of an encoded series
 * main, which fills a scratch chunk with the asked column on demand. Row {@code r} lives at offset
 * {@code r % ROWS} of chunk {@code r / ROWS}.
 *
 * <p>Concurrency: a {@link DeltaStore} is read lock-free by any number of readers; a decoding view
 * keeps scratch space and belongs to one reader thread.
 */
public interface ChunkedRows {
  Schema schema();

  /**
   * The chunk {@code index} with the values and nulls of {@code column} ready; columns made ready
   * earlier for the same chunk stay ready.
   */
  DeltaChunk chunk(int index, int column);

  /** The strings behind the ids of a VARCHAR column. */
  DeltaDictionary dictionary(int column);

  /** The storage value of a cell, or null. Allocates; not for hot loops. */
  Object value(int column, int row);

  /**
   * Sets bits {@code [0, n)} of {@code mask} for rows {@code [start, start + n)} visible at {@code
   * snapshot}; the range lies within one chunk and starts at a multiple of 64. Returns whether any
   * bit is set.
   */
  boolean visibility(int start, int n, long snapshot, long[] mask);

  /**
   * Whether chunk {@code index} may hold a non-NULL value of LONG-stored {@code column} in {@code
   * [lo, hi]}; false only when it surely holds none, so a range filter skips the chunk undecoded.
   */
  default boolean mayHold(int index, int column, long lo, long hi) {
    return true;
  }
}
