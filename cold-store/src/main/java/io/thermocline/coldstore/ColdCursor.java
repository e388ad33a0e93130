package io.thermocline.coldstore;

import io.thermocline.coldstore.scan.BatchOps;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.scan.BatchCursor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link BatchCursor} of a cold scan: pulls selected rows from a {@link SnapshotScan} and
 * returns them in the output schema (no copy when every row passed and nothing extra was read).
 * Each step holds a lease on the store, so closing the store never frees RocksDB under a running
 * {@code next()}; closing the store closes open cursors. One consumer thread; close is idempotent.
 */
@SuppressWarnings("try") // leases and locks are held by try-with-resources, never named
final class ColdCursor implements BatchCursor {
  private final ColdTable table;
  private final SnapshotScan scan;
  private final ScanPlan plan;
  private final int[] outColumns;
  private final AtomicBoolean closed = new AtomicBoolean();

  ColdCursor(ColdTable table, SnapshotScan scan, ScanPlan plan) {
    this.table = table;
    this.scan = scan;
    this.plan = plan;
    this.outColumns = new int[plan.outCount()];
    for (int i = 0; i < outColumns.length; i++) {
      outColumns[i] = i;
    }
  }

  @Override
  public ColumnBatch next() {
    if (closed.get()) {
      return null;
    }
    SnapshotScan.Source s;
    try (Lifecycle.Lease lease = table.store().lifecycle().enter()) {
      s = scan.next();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (s == null) {
      close();
      return null;
    }
    ColumnBatch b = s.batch();
    int n = b.rowCount();
    boolean allRows = NullBitmap.cardinality(s.selection(), n) == n;
    if (allRows && plan.outCount() == b.columnCount()) {
      return new ColumnBatch(plan.outSchema(), n, vectors(b));
    }
    int[] rows = BatchOps.indexes(s.selection(), n);
    return BatchOps.gather(b, outColumns, rows, plan.outSchema());
  }

  private static ColumnVector[] vectors(ColumnBatch b) {
    ColumnVector[] v = new ColumnVector[b.columnCount()];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.column(i);
    }
    return v;
  }

  @Override
  public void close() {
    Lifecycle.Lease lease;
    try {
      lease = table.store().lifecycle().enter();
    } catch (RuntimeException storeClosed) {
      return; // the store closed this cursor when it closed
    }
    try (lease) {
      closeNative();
    }
  }

  /** Releases the scan; the caller holds a lease or the store's exclusive close. */
  void closeNative() {
    if (closed.compareAndSet(false, true)) {
      try {
        scan.close();
      } finally {
        table.forget(this);
      }
    }
  }
}
