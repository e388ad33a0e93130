package io.thermocline.engine.txn;

import io.thermocline.common.batch.BatchBuilder;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.ExprEvaluator;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.table.RowBatches;
import java.util.List;

/**
 * A scan that sees the transaction's own writes: the tier rows of the snapshot (read with all
 * columns and the pushed-down filter) minus those its deletes removed, then its buffered rows that
 * pass the filter, all projected to the requested columns. Row-at-a-time over the write set, which
 * is usually small; a transaction without writes to the table scans the tiers directly instead. One
 * consumer thread.
 */
public final class OverlayCursor implements BatchCursor {
  private final BatchCursor tier;
  private final TableWrites writes;
  private final Expr boundFilter;
  private final int[] columns;
  private final Schema out;
  private final int batchSize;
  private List<Object[]> pending;
  private int pendingPos;
  private boolean tierDone;

  /**
   * @param tier the tier scan: all columns of the table, filtered by {@code boundFilter}
   * @param boundFilter the filter bound to the table schema (null: none)
   * @param columns the projected column indexes of the table schema
   * @param out the projected schema
   */
  public OverlayCursor(
      BatchCursor tier,
      TableWrites writes,
      Expr boundFilter,
      int[] columns,
      Schema out,
      int batchSize) {
    this.tier = tier;
    this.writes = writes;
    this.boundFilter = boundFilter;
    this.columns = columns;
    this.out = out;
    this.batchSize = batchSize;
  }

  @Override
  public ColumnBatch next() {
    while (!tierDone) {
      ColumnBatch b = tier.next();
      if (b == null) {
        tierDone = true;
        tier.close();
        break;
      }
      int[] keep = new int[b.rowCount()];
      int n = 0;
      for (int r = 0; r < b.rowCount(); r++) {
        if (!writes.deletedByOwn(b.row(r))) {
          keep[n++] = r;
        }
      }
      if (n > 0) {
        return RowBatches.gather(b, out, columns, keep, n);
      }
    }
    if (pending == null) {
      pending = writes.pendingRows();
    }
    BatchBuilder builder = new BatchBuilder(out, Math.min(batchSize, 64));
    Object[] values = new Object[columns.length];
    while (pendingPos < pending.size() && builder.size() < batchSize) {
      Object[] row = pending.get(pendingPos++);
      if (ExprEvaluator.matches(boundFilter, row)) {
        for (int c = 0; c < columns.length; c++) {
          values[c] = row[columns[c]];
        }
        builder.add(values);
      }
    }
    return builder.size() == 0 ? null : builder.build();
  }

  @Override
  public void close() {
    tierDone = true;
    pendingPos = Integer.MAX_VALUE;
    tier.close();
  }
}
