package io.thermocline.coldstore;

import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.coldstore.meta.MetaCodec;
import io.thermocline.coldstore.meta.MetaCodec.DeltaRow;
import io.thermocline.coldstore.scan.BatchOps;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Schema;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Ends rows of a table (DELETE, or the source side of a move): finds the rows visible at the
 * statement's snapshot that match the filter and, in one batch, writes a tombstone for each row
 * inside a file and the end cid into each matching delta row. A row already ended by a commit after
 * the snapshot is a write-write conflict ({@code SERIALIZATION_FAILURE}); nothing is written then.
 * Runs under the table's write lock.
 */
@SuppressWarnings("try") // leases and locks are held by try-with-resources, never named
final class RowEnder {
  private final ColdTable table;

  RowEnder(ColdTable table) {
    this.table = table;
  }

  /** Ends the rows; when {@code returning} is not null, adds them to it (all columns). */
  long end(long cid, long snapshot, Expr filter, List<ColumnBatch> returning) {
    return end(cid, snapshot, filter, returning, Long.MAX_VALUE);
  }

  /** As {@link #end(long, long, Expr, List)}, ending at most {@code maxRows} rows. */
  long end(long cid, long snapshot, Expr filter, List<ColumnBatch> returning, long maxRows) {
    if (cid <= snapshot) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "commit id " + cid + " must be newer than the snapshot " + snapshot + " it ends rows of");
    }
    ColdStore store = table.store();
    try (Lifecycle.Lease lease = store.lifecycle().enter();
        ColdTable.Locked locked = table.lock()) {
      table.checkSnapshot(snapshot);
      Schema schema = table.schema();
      ScanPlan plan = ScanPlan.of(schema, returning == null ? List.of() : null, filter, List.of());
      int[] all = new int[schema.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      long count = 0;
      try (SnapshotScan scan = table.openScan(plan, snapshot, 4096, null);
          WriteBatch batch = new WriteBatch()) {
        byte[] endValue = MetaCodec.encodeTombstone(cid);
        for (SnapshotScan.Source s = scan.next(); s != null && count < maxRows; s = scan.next()) {
          int[] rows = BatchOps.indexes(s.selection(), s.batch().rowCount());
          if (rows.length > maxRows - count) {
            rows = Arrays.copyOf(rows, (int) (maxRows - count));
          }
          FileEntry file = s.file();
          for (int r : rows) {
            if (file != null) {
              long pos = s.rowIds()[r];
              if (scan.endedAfterSnapshot(pos)) {
                throw conflict("row " + pos + " of cold file " + file.path());
              }
              batch.put(
                  store.meta().tombstones(), MetaCodec.tombstoneKey(file.fileId(), pos), endValue);
            } else {
              DeltaRow d = s.deltaRows()[r];
              if (d.endCid() != FileEntry.LIVE) {
                throw conflict("cold delta row " + d.rowId());
              }
              batch.put(
                  store.meta().delta(),
                  MetaCodec.deltaKey(table.tableId(), d.rowId()),
                  MetaCodec.encodeDeltaRow(d.createCid(), cid, schema, d.values()));
            }
          }
          count += rows.length;
          if (returning != null && rows.length > 0) {
            returning.add(BatchOps.gather(s.batch(), all, rows, schema));
          }
        }
        if (count > 0) {
          store.meta().commit(batch, "ending " + count + " rows of cold table " + table.name());
        }
      } catch (RocksDBException e) {
        throw new ThermoException(
            ErrorCode.COLD_TIER_UNAVAILABLE,
            "ending rows of cold table " + table.name() + " failed: " + e,
            e);
      }
      return count;
    }
  }

  private ThermoException conflict(String what) {
    return new ThermoException(
        ErrorCode.SERIALIZATION_FAILURE,
        what + " of table " + table.name() + " was already ended by a later commit");
  }
}
