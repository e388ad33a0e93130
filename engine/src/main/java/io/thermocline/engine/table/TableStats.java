package io.thermocline.engine.table;

import io.thermocline.engine.catalog.TableKind;

/**
 * One table's rows per tier at {@code snapshot} and its physical state now: hot main and delta rows
 * (any version) and heap bytes; cold live files, rows in them, trickle rows in the cold delta,
 * tombstones and bytes of live files. What {@code SYS.PARTITIONS} shows. Immutable.
 */
public record TableStats(
    String name,
    TableKind kind,
    long snapshot,
    long hotRows,
    long coldRows,
    long hotMainRows,
    long hotDeltaRows,
    long hotMemoryBytes,
    int coldFiles,
    long coldFileRows,
    long coldDeltaRows,
    long coldTombstones,
    long coldBytes) {

  /** Rows visible at the snapshot in both tiers. */
  public long rows() {
    return hotRows + coldRows;
  }
}
