package io.thermocline.engine.txn;

import io.thermocline.common.batch.BatchValidator;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.ExprEvaluator;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.series.SeriesRowRules;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.table.RowBatches;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What one transaction will write to one table, buffered until commit: deletes (filters bound to
 * the table's schema, applied at commit to the rows visible at the transaction's snapshot) and the
 * rows it inserts. A DELETE or UPDATE statement changes the buffered inserts at once (they are the
 * transaction's own rows) and records its filter for the tier rows, so the buffer always holds the
 * transaction's final rows and the commit order of deletes and inserts does not matter. Used by the
 * transaction's thread only.
 */
public final class TableWrites {
  private final HybridTable table;
  private final Schema schema;
  private final List<Expr> deletes = new ArrayList<>();
  private boolean deleteAll;
  private final List<ColumnBatch> batches = new ArrayList<>();
  private final List<Object[]> rows = new ArrayList<>();
  private final List<Object[]> coldRows = new ArrayList<>();
  private final SeriesRowRules series;

  public TableWrites(HybridTable table) {
    this.table = table;
    this.schema = table.schema();
    this.series = SeriesRowRules.of(table.definition());
  }

  public HybridTable table() {
    return table;
  }

  public Schema schema() {
    return schema;
  }

  public boolean isEmpty() {
    return !hasDeletes() && batches.isEmpty() && rows.isEmpty() && coldRows.isEmpty();
  }

  public boolean hasDeletes() {
    return deleteAll || !deletes.isEmpty();
  }

  /** Buffers validated storage rows of the full schema: new rows, for the table's insert tier. */
  public void insertRows(List<Object[]> storageRows) {
    if (series != null) {
      series.checkRows(storageRows);
    }
    rows.addAll(storageRows);
  }

  /**
   * Buffers the new versions of updated cold rows: they stay in the cold tier, where the rows lived
   * (a changed aging flag is then the aging service's business, as for any row).
   */
  public void insertColdRows(List<Object[]> storageRows) {
    coldRows.addAll(storageRows);
  }

  /** Buffers a batch of the full schema (validated here). */
  public void insertBatch(ColumnBatch batch) {
    BatchValidator.checkBatch(table.name(), schema, batch);
    if (series != null) {
      series.checkBatch(batch);
    }
    if (batch.rowCount() > 0) {
      batches.add(batch);
    }
  }

  /** Records a delete of the tier rows matching {@code bound} (null: every row). */
  public void addDelete(Expr bound) {
    if (bound == null) {
      deleteAll = true;
    } else {
      deletes.add(bound);
    }
  }

  /** Whether an earlier delete of this transaction removed this tier row (full schema). */
  public boolean deletedByOwn(Object[] row) {
    if (deleteAll) {
      return true;
    }
    for (Expr d : deletes) {
      if (ExprEvaluator.matches(d, row)) {
        return true;
      }
    }
    return false;
  }

  /** The union of the deletes for the tiers: null means every row. */
  public Expr combinedDelete() {
    if (deleteAll) {
      return null;
    }
    return deletes.size() == 1 ? deletes.get(0) : new Expr.Or(deletes);
  }

  /** Removes buffered rows matching {@code bound} (null: all); returns how many. */
  public long deletePending(Expr bound) {
    explodeBatchesMatching(bound);
    return removeMatching(rows, bound) + removeMatching(coldRows, bound);
  }

  private static long removeMatching(List<Object[]> list, Expr bound) {
    long n = 0;
    for (Iterator<Object[]> it = list.iterator(); it.hasNext(); ) {
      if (ExprEvaluator.matches(bound, it.next())) {
        it.remove();
        n++;
      }
    }
    return n;
  }

  /** Replaces buffered rows matching {@code bound} by their transformed, validated values. */
  public long updatePending(Expr bound, RowTransform change) {
    explodeBatchesMatching(bound);
    return transformMatching(rows, bound, change) + transformMatching(coldRows, bound, change);
  }

  private long transformMatching(List<Object[]> list, Expr bound, RowTransform change) {
    long n = 0;
    for (int i = 0; i < list.size(); i++) {
      Object[] r = list.get(i);
      if (ExprEvaluator.matches(bound, r)) {
        list.set(i, transform(change, r));
        n++;
      }
    }
    return n;
  }

  /** Applies {@code change} to a copy of {@code row} and checks the result against the schema. */
  public Object[] transform(RowTransform change, Object[] row) {
    Object[] out = change.apply(row.clone());
    BatchValidator.checkRow(table.name(), schema, out, 0);
    if (series != null) {
      series.checkRow(out);
    }
    return out;
  }

  private void explodeBatchesMatching(Expr bound) {
    for (Iterator<ColumnBatch> it = batches.iterator(); it.hasNext(); ) {
      ColumnBatch b = it.next();
      boolean any = bound == null;
      for (int r = 0; r < b.rowCount() && !any; r++) {
        any = ExprEvaluator.matches(bound, b.row(r));
      }
      if (any) {
        rows.addAll(b.rows());
        it.remove();
      }
    }
  }

  /** The buffered new rows for the table's insert tier: batches, then one batch of the rows. */
  public List<ColumnBatch> insertBatches() {
    List<ColumnBatch> out = new ArrayList<>(batches);
    if (!rows.isEmpty()) {
      out.add(RowBatches.fromRows(schema, rows));
    }
    return out;
  }

  /** The buffered new versions of cold rows, as batches (empty when none). */
  public List<ColumnBatch> coldBatches() {
    return coldRows.isEmpty() ? List.of() : List.of(RowBatches.fromRows(schema, coldRows));
  }

  /** Buffered rows as storage rows (for overlays). Allocates per batch row. */
  public List<Object[]> pendingRows() {
    List<Object[]> out = new ArrayList<>(rows);
    out.addAll(coldRows);
    for (ColumnBatch b : batches) {
      out.addAll(b.rows());
    }
    return out;
  }
}
