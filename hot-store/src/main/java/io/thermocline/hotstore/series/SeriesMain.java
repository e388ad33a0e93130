package io.thermocline.hotstore.series;

import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.delta.ChunkedRows;
import io.thermocline.hotstore.delta.DeltaDictionary;
import io.thermocline.hotstore.mvcc.MainVersions;

/**
 * The encoded rows of a series main: sorted by (series key, period), cut into chunks of 4,096 rows
 * whose key runs hold one series block per column (see {@link SeriesChunk}); VARCHAR values are ids
 * into one sorted dictionary per column. Built by {@link SeriesMainBuilder}.
 *
 * <p>Immutable and shared by concurrent readers; each reader decodes through its own {@link
 * #reader} view.
 */
public final class SeriesMain {
  private final String partition;
  private final Schema schema;
  private final SeriesLayout layout;
  private final int rowCount;
  private final SeriesChunk[] chunks;
  private final DeltaDictionary[] dictionaries;

  SeriesMain(
      String partition,
      Schema schema,
      SeriesLayout layout,
      int rowCount,
      SeriesChunk[] chunks,
      DeltaDictionary[] dictionaries) {
    this.partition = partition;
    this.schema = schema;
    this.layout = layout;
    this.rowCount = rowCount;
    this.chunks = chunks;
    this.dictionaries = dictionaries;
  }

  public int rowCount() {
    return rowCount;
  }

  public int columnCount() {
    return schema.size();
  }

  public SeriesLayout layout() {
    return layout;
  }

  Schema schema() {
    return schema;
  }

  String partition() {
    return partition;
  }

  SeriesChunk chunk(int index) {
    return chunks[index];
  }

  DeltaDictionary dictionary(int column) {
    return dictionaries[column];
  }

  /** A decoding view for one reader thread; visibility comes from {@code versions}. */
  public ChunkedRows reader(MainVersions versions) {
    return new SeriesReader(this, versions);
  }

  /** Key runs over all chunks (a series cut by a chunk boundary counts twice). */
  public long runs() {
    long n = 0;
    for (SeriesChunk c : chunks) {
      n += c.runs();
    }
    return n;
  }

  /** Runs whose period is stored as a grid (start, increment, count, missing bitmap). */
  public long equidistantRuns() {
    long n = 0;
    for (SeriesChunk c : chunks) {
      for (byte m : c.periodModes) {
        n += m == SeriesChunk.EQUIDISTANT ? 1 : 0;
      }
    }
    return n;
  }

  /** Heap bytes of a VARCHAR column's dictionary; 0 for other columns. */
  public long dictionaryBytes(int column) {
    return dictionaries[column] == null ? 0 : dictionaries[column].bytes();
  }

  /**
   * Heap bytes of a column's encoded values: its blocks, or for a key column its per-run values;
   * the period column also carries each chunk's run directory, key values and bounds.
   */
  public long encodedBytes(int column) {
    int slot = layout.keySlot(column);
    long n = 0;
    for (SeriesChunk c : chunks) {
      if (slot >= 0) {
        n += 16L + 8L * c.keys[slot].length;
        n += c.keyNulls[slot] == null ? 0 : 16L + 8L * c.keyNulls[slot].length;
      } else {
        n += c.blockBytes(column);
      }
      if (column == layout.periodColumn()) {
        n += c.directoryBytes() + 2 * (16L + 8L * c.lows.length) + 32L;
      }
    }
    return n;
  }
}
