package io.thermocline.coldstore.meta;

import io.thermocline.common.schema.Schema;

/**
 * The cold store's registration of a table: its compact id (used in every other key), its schema as
 * of the last registration, how its files are partitioned (an enum name of {@code
 * ColdPartitioning}), and its horizon: the oldest snapshot that can still be read (compaction
 * deleted what older snapshots would need). Immutable.
 */
public record TableRecord(
    String name, int tableId, Schema schema, String partitioning, long horizon) {

  public TableRecord withSchema(Schema s) {
    return new TableRecord(name, tableId, s, partitioning, horizon);
  }

  public TableRecord withHorizon(long h) {
    return new TableRecord(name, tableId, schema, partitioning, h);
  }
}
