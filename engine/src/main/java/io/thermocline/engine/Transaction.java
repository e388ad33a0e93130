package io.thermocline.engine;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.ExprBinder;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.table.RowBatches;
import io.thermocline.engine.txn.OverlayCursor;
import io.thermocline.engine.txn.RowAggregator;
import io.thermocline.engine.txn.RowTransform;
import io.thermocline.engine.txn.TableWrites;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot-isolated transaction over any tables of a database (DESIGN.md section 3). It reads the
 * snapshot it began at (registered, so merges and compactions keep it intact, until {@link #commit}
 * or {@link #rollback}), sees its own writes, and buffers them until commit: the commit applies
 * them atomically under one commit id, or not at all. Of two transactions that change the same row,
 * the first to commit wins and the other fails with {@code SERIALIZATION_FAILURE}; inserting a
 * primary key that exists at commit fails with {@code DUPLICATE_KEY}. A failed statement changes
 * nothing in the transaction; a failed commit leaves no trace.
 *
 * <p>Values are user values (Java objects as {@link io.thermocline.common.type.DataType#toStorage}
 * accepts: Long, Integer, BigDecimal, String, LocalDate, LocalDateTime, Boolean ...) except in
 * {@link #insertBatch} and {@link RowTransform}s, which take storage values. A hybrid table's rows
 * may omit the aging flag column (it defaults to FALSE). Filters are unbound {@link Expr}s.
 *
 * <p>Not thread-safe: one thread at a time, like the session it belongs to. Cursors returned by
 * {@link #scan} are closed when the transaction ends. Close it (try-with-resources) to roll back
 * what was not committed.
 */
public final class Transaction implements AutoCloseable {
  private final Database db;
  private final Session session;
  private final long snapshot;
  private final Map<String, HybridTable> resolved = new HashMap<>();
  private final Map<HybridTable, TableWrites> writes = new LinkedHashMap<>();
  private final List<BatchCursor> cursors = new ArrayList<>();
  private boolean open = true;

  Transaction(Database db, Session session, long snapshot) {
    this.db = db;
    this.session = session;
    this.snapshot = snapshot;
  }

  /** The commit id this transaction reads at. */
  public long snapshot() {
    return snapshot;
  }

  public boolean isOpen() {
    return open;
  }

  // ---------------------------------------------------------------- writes

  /** Inserts one row (all columns in order; a hybrid table's aging flag may be left out). */
  public long insert(String table, Object... values) {
    List<Object[]> one = new ArrayList<>(1);
    one.add(values);
    return insertRows(table, one);
  }

  /** Inserts rows of user values; all are checked before any is buffered. */
  public long insertRows(String table, List<Object[]> rows) {
    checkOpen();
    HybridTable t = resolve(table);
    Schema s = t.schema();
    int flag = t.definition().agingFlagIndex();
    List<Object[]> storage = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      Object[] full = r;
      if (flag >= 0 && r.length == s.size() - 1) {
        full = new Object[s.size()];
        for (int c = 0, src = 0; c < full.length; c++) {
          full[c] = c == flag ? Boolean.FALSE : r[src++];
        }
      }
      storage.add(s.toStorageRow(full));
    }
    writesFor(t).insertRows(storage);
    return storage.size();
  }

  /**
   * Inserts a batch of storage values (the bulk path): columns in schema order, a hybrid table's
   * aging flag column may be left out (FALSE). Checked before it is buffered.
   */
  public long insertBatch(String table, ColumnBatch batch) {
    checkOpen();
    HybridTable t = resolve(table);
    Schema s = t.schema();
    int flag = t.definition().agingFlagIndex();
    ColumnBatch full = batch;
    if (flag >= 0 && batch.columnCount() == s.size() - 1) {
      full =
          RowBatches.withColumn(
              batch, s, flag, RowBatches.constant(s.column(flag).type(), 0L, batch.rowCount()));
    }
    writesFor(t).insertBatch(full);
    return batch.rowCount();
  }

  /** Deletes the rows this transaction sees that match {@code filter} (null: all); returns them. */
  public long delete(String table, Expr filter) {
    checkOpen();
    HybridTable t = resolve(table);
    TableWrites w = writesFor(t);
    Expr bound = ExprBinder.bind(filter, t.schema());
    long tierRows = countTierRows(t, w, filter);
    long n = w.deletePending(bound);
    if (tierRows > 0) {
      w.addDelete(bound);
    }
    return n + tierRows;
  }

  /** Sets columns to constant user values in the rows matching {@code filter}; returns them. */
  public long update(String table, Expr filter, Map<String, Object> assignments) {
    checkOpen();
    HybridTable t = resolve(table);
    Schema s = t.schema();
    int[] cols = new int[assignments.size()];
    Object[] values = new Object[cols.length];
    int i = 0;
    for (Map.Entry<String, Object> e : assignments.entrySet()) {
      cols[i] = s.indexOf(e.getKey());
      Column c = s.column(cols[i]);
      values[i] = c.toStorage(e.getValue());
      i++;
    }
    return update(
        table,
        filter,
        row -> {
          for (int k = 0; k < cols.length; k++) {
            row[cols[k]] = values[k];
          }
          return row;
        });
  }

  /**
   * Replaces the rows matching {@code filter} by {@code change} of them (storage values); returns
   * how many. The new rows are computed now, from the rows this transaction sees.
   */
  public long update(String table, Expr filter, RowTransform change) {
    checkOpen();
    HybridTable t = resolve(table);
    TableWrites w = writesFor(t);
    Expr bound = ExprBinder.bind(filter, t.schema());
    List<Object[]> hotChanged = changedRows(t, w, filter, change, false);
    List<Object[]> coldChanged = changedRows(t, w, filter, change, true);
    long n = w.updatePending(bound, change);
    if (!hotChanged.isEmpty() || !coldChanged.isEmpty()) {
      w.addDelete(bound);
      w.insertRows(hotChanged);
      w.insertColdRows(coldChanged);
    }
    return n + hotChanged.size() + coldChanged.size();
  }

  /** The new versions of the rows of one tier this transaction sees matching {@code filter}. */
  private List<Object[]> changedRows(
      HybridTable t, TableWrites w, Expr filter, RowTransform change, boolean cold) {
    List<Object[]> out = new ArrayList<>();
    try (BatchCursor c = tierScan(t, w, filter, cold)) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        for (int r = 0; r < b.rowCount(); r++) {
          out.add(w.transform(change, b.row(r)));
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- reads

  /**
   * The rows this transaction sees that match {@code filter}, projected to {@code columns} (null:
   * all), in batches of storage values. The cursor is valid until it or the transaction closes.
   */
  public BatchCursor scan(String table, List<String> columns, Expr filter) {
    checkOpen();
    HybridTable t = resolve(table);
    TableWrites w = writes.get(t);
    BatchCursor c;
    if (w == null || w.isEmpty()) {
      c = t.scan(new ScanRequest(snapshot, columns, filter, 0));
    } else {
      Schema s = t.schema();
      List<String> names = columns == null ? s.names() : columns;
      int[] idx = new int[names.size()];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = s.indexOf(names.get(i));
      }
      c =
          new OverlayCursor(
              t.scan(new ScanRequest(snapshot, null, filter, 0)),
              w,
              ExprBinder.bind(filter, s),
              idx,
              s.project(names),
              ScanRequest.DEFAULT_BATCH_SIZE);
    }
    cursors.add(c);
    return c;
  }

  /** All rows {@link #scan} returns, as storage values. For small results and tests. */
  public List<Object[]> rows(String table, List<String> columns, Expr filter) {
    List<Object[]> out = new ArrayList<>();
    try (BatchCursor c = scan(table, columns, filter)) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        out.addAll(b.rows());
      }
    }
    return out;
  }

  /**
   * Aggregates over the rows this transaction sees that match {@code filter}: computed inside each
   * tier and merged when the transaction has not written the table, else over its view.
   */
  public AggregateResult aggregate(String table, Expr filter, AggregateSpec spec) {
    checkOpen();
    HybridTable t = resolve(table);
    TableWrites w = writes.get(t);
    if (w == null || w.isEmpty()) {
      return t.aggregate(new ScanRequest(snapshot, List.of(), filter, 0), spec);
    }
    RowAggregator agg = new RowAggregator(spec, t.schema());
    try (BatchCursor c = scan(table, null, filter)) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        for (int r = 0; r < b.rowCount(); r++) {
          agg.add(b.row(r));
        }
      }
    }
    return agg.result();
  }

  /** COUNT(*) of the rows this transaction sees that match {@code filter}. */
  public long count(String table, Expr filter) {
    return (Long)
        aggregate(table, filter, AggregateSpec.of(List.of(), AggregateCall.countStar()))
            .rows()
            .get(0)[0];
  }

  // ---------------------------------------------------------------- end

  /**
   * Commits: returns the commit id (the snapshot, for a transaction that wrote nothing). The
   * transaction is over either way; on failure nothing of it is visible.
   */
  public long commit() {
    checkOpen();
    try {
      List<TableWrites> list = new ArrayList<>();
      for (TableWrites w : writes.values()) {
        if (!w.isEmpty()) {
          list.add(w);
        }
      }
      if (list.isEmpty()) {
        return snapshot;
      }
      return db.committer().commit(snapshot, list);
    } finally {
      finish();
    }
  }

  /** Discards every buffered write and releases the snapshot. Idempotent. */
  public void rollback() {
    if (open) {
      finish();
    }
  }

  @Override
  public void close() {
    rollback();
  }

  private void finish() {
    open = false;
    try {
      for (BatchCursor c : cursors) {
        c.close();
      }
    } finally {
      cursors.clear();
      writes.clear();
      db.snapshots().unregister(snapshot);
      if (session != null) {
        session.ended(this);
      }
    }
  }

  // ---------------------------------------------------------------- internals

  private void checkOpen() {
    if (!open) {
      throw new ThermoException(
          ErrorCode.TRANSACTION_CLOSED, "the transaction at snapshot " + snapshot + " has ended");
    }
    db.checkOpen();
  }

  private HybridTable resolve(String name) {
    HybridTable t = resolved.get(name);
    if (t == null) {
      t = db.lookup(name);
      resolved.put(name, t);
    }
    t.checkReadable(snapshot);
    return t;
  }

  private TableWrites writesFor(HybridTable t) {
    return writes.computeIfAbsent(t, TableWrites::new);
  }

  /**
   * Rows of one tier (or both, {@code cold} null) at the snapshot matching {@code filter} that no
   * own delete removed, all columns.
   */
  private BatchCursor tierScan(HybridTable t, TableWrites w, Expr filter, Boolean cold) {
    ScanRequest request = new ScanRequest(snapshot, null, filter, 0);
    BatchCursor tier =
        cold == null ? t.scan(request) : cold ? t.scanCold(request) : t.scanHot(request);
    if (!w.hasDeletes()) {
      return tier;
    }
    Schema s = t.schema();
    int[] all = new int[s.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    TableWrites deletesOnly = new TableWrites(t);
    deletesOnly.addDelete(w.combinedDelete());
    return new OverlayCursor(
        tier, deletesOnly, ExprBinder.bind(filter, s), all, s, ScanRequest.DEFAULT_BATCH_SIZE);
  }

  private long countTierRows(HybridTable t, TableWrites w, Expr filter) {
    if (!w.hasDeletes()) {
      return (Long)
          t.aggregate(
                  new ScanRequest(snapshot, List.of(), filter, 0),
                  AggregateSpec.of(List.of(), AggregateCall.countStar()))
              .rows()
              .get(0)[0];
    }
    long n = 0;
    try (BatchCursor c = tierScan(t, w, filter, null)) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        n += b.rowCount();
      }
    }
    return n;
  }
}
