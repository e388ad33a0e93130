package io.thermocline.hotstore;

import java.util.List;

/**
 * Estimated heap bytes of a partition (array headers and string payloads included), per column and
 * for the row versions, as shown in SYS.PARTITIONS. A snapshot; immutable.
 */
public record MemoryUsage(List<ColumnMemory> columns, long mvccBytes, long totalBytes) {

  public MemoryUsage {
    columns = List.copyOf(columns);
  }

  /**
   * One column: the main's sorted dictionary, bit-packed value ids (with zone map), null bitmap,
   * and everything the deltas hold for it (values, null bitmaps, delta dictionary).
   */
  public record ColumnMemory(
      String column, long dictionaryBytes, long valueIdBytes, long nullBytes, long deltaBytes) {
    public long totalBytes() {
      return dictionaryBytes + valueIdBytes + nullBytes + deltaBytes;
    }
  }

  /** Main bytes of all columns (without deltas and versions). */
  public long mainBytes() {
    long b = 0;
    for (ColumnMemory c : columns) {
      b += c.dictionaryBytes() + c.valueIdBytes() + c.nullBytes();
    }
    return b;
  }

  public long deltaBytes() {
    long b = 0;
    for (ColumnMemory c : columns) {
      b += c.deltaBytes();
    }
    return b;
  }
}
