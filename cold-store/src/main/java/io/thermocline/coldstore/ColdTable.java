package io.thermocline.coldstore;

import io.thermocline.coldstore.meta.ColumnStats;
import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.coldstore.meta.MetaCodec;
import io.thermocline.coldstore.meta.MetaStore;
import io.thermocline.coldstore.meta.MetaView;
import io.thermocline.coldstore.meta.TableRecord;
import io.thermocline.coldstore.parquet.WriterSettings;
import io.thermocline.coldstore.scan.BatchAggregator;
import io.thermocline.coldstore.scan.StatsPruner;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggFunction;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregatePartial;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.scan.TierScan;
import io.thermocline.common.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiPredicate;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * One table's cold tier: immutable Parquet files registered in the manifest with the commit id that
 * created them (and the one that retired them), trickle rows in the cold delta, and tombstones
 * ending rows inside files. A row is visible at snapshot {@code s} when it was created at or before
 * {@code s} and not ended at or before {@code s}.
 *
 * <p>Concurrency: a single writer at a time (bulk writes, trickle inserts, deletes and compaction
 * are serialized by a per-table lock; the engine's committer is that writer) and any number of
 * concurrent snapshot readers, which take no lock: each scan reads metadata through one RocksDB
 * snapshot and pins the files it reads against deletion.
 */
@SuppressWarnings("try") // leases and locks are held by try-with-resources, never named
public final class ColdTable implements TierScan {
  private final ColdStore store;
  private final ColdPartitioning partitioning;
  private final String directoryName;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final FilePins pins = new FilePins();
  private final Set<ColdCursor> cursors = ConcurrentHashMap.newKeySet();
  private volatile TableRecord record;

  ColdTable(ColdStore store, TableRecord record) {
    this.store = store;
    this.record = record;
    this.partitioning = ColdPartitioning.valueOf(record.partitioning());
    this.directoryName =
        "t" + record.tableId() + "_" + record.name().replaceAll("[^A-Za-z0-9_-]", "_");
  }

  @Override
  public Schema schema() {
    return record.schema();
  }

  public String name() {
    return record.name();
  }

  int tableId() {
    return record.tableId();
  }

  public ColdPartitioning partitioning() {
    return partitioning;
  }

  /** The oldest snapshot this table can still serve (older ones lost files to compaction). */
  public long horizon() {
    return record.horizon();
  }

  String directoryName() {
    return directoryName;
  }

  ColdStore store() {
    return store;
  }

  FilePins pins() {
    return pins;
  }

  WriterSettings writerSettings() {
    return store.writerSettings();
  }

  ReentrantLock writeLock() {
    return writeLock;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public BatchCursor scan(ScanRequest request) {
    try (Lifecycle.Lease lease = store.lifecycle().enter()) {
      checkSnapshot(request.snapshot());
      ScanPlan plan = ScanPlan.of(schema(), request.projection(), request.filter(), List.of());
      plan.requireOutSchema();
      SnapshotScan s = openScan(plan, request.snapshot(), request.batchSize(), null);
      ColdCursor c = new ColdCursor(this, s, plan);
      cursors.add(c);
      return c;
    }
  }

  /**
   * Aggregates without materializing rows. COUNT, MIN and MAX over whole files come from the
   * manifest statistics when there is no filter, no grouping and no tombstone in the file at the
   * snapshot; everything else is computed over the scanned batches.
   */
  @Override
  public AggregateResult aggregate(ScanRequest request, AggregateSpec spec) {
    try (Lifecycle.Lease lease = store.lifecycle().enter()) {
      checkSnapshot(request.snapshot());
      Set<String> needed = new LinkedHashSet<>();
      for (GroupKey k : spec.groupBy()) {
        needed.add(k.column());
      }
      boolean statsOnly = spec.groupBy().isEmpty();
      for (AggregateCall c : spec.calls()) {
        if (c.column() != null) {
          needed.add(c.column());
        }
        statsOnly &= c.function() != AggFunction.SUM && c.function() != AggFunction.AVG;
      }
      ScanPlan plan = ScanPlan.of(schema(), List.of(), request.filter(), needed);
      BatchAggregator agg = new BatchAggregator(spec, plan.readSchema());
      BiPredicate<FileEntry, MetaView> fromStats =
          statsOnly && plan.filterTable() == null
              ? (f, view) -> !answerFromStats(f, view, request.snapshot(), spec, agg.result())
              : null;
      try (SnapshotScan s = openScan(plan, request.snapshot(), request.batchSize(), fromStats)) {
        for (SnapshotScan.Source src = s.next(); src != null; src = s.next()) {
          agg.add(src.batch(), src.selection());
        }
      }
      return agg.result();
    }
  }

  private boolean answerFromStats(
      FileEntry f, MetaView view, long snapshot, AggregateSpec spec, AggregateResult result) {
    List<AggregateCall> calls = spec.calls();
    for (AggregateCall c : calls) {
      if (c.function() == AggFunction.MIN || c.function() == AggFunction.MAX) {
        ColumnStats s = f.stats(schema().indexOf(c.column()));
        if (!s.hasMinMax() && s.nullCount() < f.rowCount()) {
          return false;
        }
      }
    }
    boolean[] deadRows = {false};
    view.scan(
        store.meta().tombstones(),
        MetaCodec.tombstonePrefix(f.fileId()),
        (k, v) -> {
          deadRows[0] |= MetaCodec.decodeTombstone(v) <= snapshot;
          return !deadRows[0];
        });
    if (deadRows[0]) {
      return false;
    }
    AggregatePartial[] p = result.group(List.of());
    for (int i = 0; i < calls.size(); i++) {
      AggregateCall c = calls.get(i);
      if (c.function() == AggFunction.COUNT_STAR) {
        p[i].addCount(f.rowCount());
        continue;
      }
      ColumnStats s = f.stats(schema().indexOf(c.column()));
      p[i].addCount(f.rowCount() - s.nullCount());
      if (c.function() == AggFunction.MIN) {
        p[i].offerMin(s.min());
      } else if (c.function() == AggFunction.MAX) {
        p[i].offerMax(s.max());
      }
    }
    return true;
  }

  /**
   * Opens a scan over the files visible at {@code snapshot} that the filter's statistics do not
   * rule out (and that {@code scanFile}, if given, wants) plus the delta. Taking the RocksDB
   * snapshot and pinning the files is atomic with respect to compaction's delete decision.
   */
  SnapshotScan openScan(
      ScanPlan plan, long snapshot, int batchSize, BiPredicate<FileEntry, MetaView> scanFile) {
    MetaView view;
    List<FileEntry> chosen = new ArrayList<>();
    synchronized (pins) {
      view = store.meta().view();
      try {
        for (FileEntry f : files(view)) {
          if (f.visibleAt(snapshot)
              && StatsPruner.mightMatch(plan.filterTable(), f)
              && (scanFile == null || scanFile.test(f, view))) {
            chosen.add(f);
          }
        }
      } catch (RuntimeException e) {
        view.close();
        throw e;
      }
      for (FileEntry f : chosen) {
        pins.pin(f.fileId());
      }
    }
    SnapshotScan scan = null;
    try {
      scan = new SnapshotScan(this, view, plan, snapshot, chosen, true, batchSize);
      return scan;
    } finally {
      if (scan == null) {
        for (FileEntry f : chosen) {
          pins.unpin(f.fileId());
        }
        view.close();
      }
    }
  }

  /** Every manifest entry of this table (live and retired) in {@code view}. */
  List<FileEntry> files(MetaView view) {
    List<FileEntry> out = new ArrayList<>();
    view.scan(
        store.meta().manifest(),
        MetaCodec.filePrefix(tableId()),
        (k, v) -> out.add(MetaCodec.decodeFile(k, v)));
    return out;
  }

  void checkSnapshot(long snapshot) {
    if (snapshot < record.horizon()) {
      throw new ThermoException(
          ErrorCode.SNAPSHOT_TOO_OLD,
          "snapshot "
              + snapshot
              + " of cold table "
              + name()
              + " is older than its compaction horizon "
              + record.horizon());
    }
  }

  // ---------------------------------------------------------------- writes

  /** Files to fill with {@link StagedFiles#add} and make visible with one commit. */
  public StagedFiles stage() {
    return new StagedFiles(this);
  }

  /** Writes {@code rows} as cold file(s) visible from {@code cid} on: one atomic change. */
  public void writeFile(long cid, ColumnBatch rows) {
    writeFiles(cid, List.of(rows));
  }

  public void writeFiles(long cid, List<ColumnBatch> batches) {
    try (Lifecycle.Lease lease = store.lifecycle().enter();
        Locked locked = lock();
        StagedFiles staged = stage()) {
      for (ColumnBatch b : batches) {
        staged.add(b);
      }
      staged.commit(cid);
    }
  }

  /** Appends trickle rows (storage values, schema order) to the cold delta, visible from cid. */
  public void insertDelta(long cid, List<Object[]> rows) {
    try (Lifecycle.Lease lease = store.lifecycle().enter();
        Locked locked = lock();
        WriteBatch batch = new WriteBatch()) {
      Schema schema = schema();
      for (Object[] row : rows) {
        checkRow(schema, row);
        long id = store.nextId();
        batch.put(
            store.meta().delta(),
            MetaCodec.deltaKey(tableId(), id),
            MetaCodec.encodeDeltaRow(cid, FileEntry.LIVE, schema, row));
      }
      store.meta().commit(batch, "cold delta insert into " + name());
    } catch (RocksDBException e) {
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE, "cold delta insert into " + name() + " failed: " + e, e);
    }
  }

  private void checkRow(Schema schema, Object[] row) {
    if (row.length != schema.size()) {
      throw new ThermoException(
          ErrorCode.WRONG_COLUMN_COUNT,
          "row has " + row.length + " values, cold table " + name() + " has " + schema.names());
    }
    for (int c = 0; c < row.length; c++) {
      if (row[c] == null && !schema.column(c).nullable()) {
        throw new ThermoException(
            ErrorCode.NOT_NULL_VIOLATION,
            "column " + schema.column(c).name() + " of " + name() + " is NOT NULL");
      }
    }
  }

  /** Ends the rows visible at {@code snapshot} that match {@code filter}, at {@code cid}. */
  public long endRows(long cid, long snapshot, Expr filter) {
    return new RowEnder(this).end(cid, snapshot, filter, null);
  }

  /** As {@link #endRows}, returning the ended rows (all columns): the source side of a move. */
  public List<ColumnBatch> endRowsReturning(long cid, long snapshot, Expr filter) {
    List<ColumnBatch> out = new ArrayList<>();
    new RowEnder(this).end(cid, snapshot, filter, out);
    return out;
  }

  /**
   * As {@link #endRowsReturning(long, long, Expr)}, ending at most {@code maxRows} rows: one batch
   * of a move from the cold tier.
   */
  public List<ColumnBatch> endRowsReturning(long cid, long snapshot, Expr filter, int maxRows) {
    List<ColumnBatch> out = new ArrayList<>();
    new RowEnder(this).end(cid, snapshot, filter, out, maxRows);
    return out;
  }

  /**
   * Undoes commit {@code cid} on this table, for a commit that was never published (the engine's
   * rollback of a failed transaction or move): its files, tombstones and delta rows are removed and
   * what it ended or retired is live again, in one atomic metadata change; its files are deleted.
   * Returns how many rows, tombstones and entries changed. Readers never read at an unpublished
   * commit id, so none of them sees a difference.
   */
  public long abort(long cid) {
    return new CommitUndo(this).undo(cid);
  }

  /**
   * Folds the delta and tombstones settled at {@code oldestLiveSnapshot} into new files, retires
   * the files they replace, and deletes retired files no snapshot from {@code oldestLiveSnapshot}
   * on can see and no running scan reads. What any snapshot at or after it sees is unchanged.
   */
  public CompactionResult compact(long oldestLiveSnapshot) {
    try (Lifecycle.Lease lease = store.lifecycle().enter();
        Locked locked = lock()) {
      return new Compactor(this, oldestLiveSnapshot).run();
    }
  }

  /** The table's physical state now. */
  public ColdTableStats stats() {
    try (Lifecycle.Lease lease = store.lifecycle().enter();
        MetaView view = store.meta().view()) {
      int live = 0;
      int retired = 0;
      long rows = 0;
      long liveBytes = 0;
      long bytes = 0;
      long tombstones = 0;
      for (FileEntry f : files(view)) {
        bytes += f.sizeBytes();
        if (f.isLive()) {
          live++;
          rows += f.rowCount();
          liveBytes += f.sizeBytes();
        } else {
          retired++;
        }
        long[] n = {0};
        view.scan(
            store.meta().tombstones(), MetaCodec.tombstonePrefix(f.fileId()), (k, v) -> ++n[0] > 0);
        tombstones += n[0];
      }
      long[] delta = {0};
      view.scan(store.meta().delta(), MetaCodec.deltaPrefix(tableId()), (k, v) -> ++delta[0] > 0);
      return new ColdTableStats(live, retired, rows, liveBytes, bytes, delta[0], tombstones);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  Locked lock() {
    writeLock.lock();
    return writeLock::unlock;
  }

  /** A held write lock. */
  interface Locked extends AutoCloseable {
    @Override
    void close();
  }

  void setRecord(TableRecord r) {
    record = r;
  }

  /** Accepts the same schema, or one with nullable columns appended (ALTER TABLE ADD COLUMN). */
  void evolve(Schema schema, ColdPartitioning p) {
    if (p != partitioning) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "cold table " + name() + " is partitioned by " + partitioning + ", not " + p);
    }
    Schema old = schema();
    if (old.equals(schema)) {
      return;
    }
    boolean appended = schema.size() > old.size();
    for (int c = 0; appended && c < schema.size(); c++) {
      appended =
          c < old.size() ? old.column(c).equals(schema.column(c)) : schema.column(c).nullable();
    }
    if (!appended
        || !old.primaryKey().equals(schema.primaryKey())
        || !old.timeColumn().equals(schema.timeColumn())) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "cold table " + name() + " has schema " + old + "; cannot change it to " + schema);
    }
    try (Locked locked = lock();
        WriteBatch batch = new WriteBatch()) {
      TableRecord r = record.withSchema(schema);
      batch.put(store.meta().manifest(), MetaCodec.tableKey(name()), MetaCodec.encodeTable(r));
      store.meta().commit(batch, "schema change of cold table " + name());
      record = r;
    } catch (RocksDBException e) {
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE, "schema change of " + name() + " failed: " + e, e);
    }
  }

  void drop() {
    try (Locked locked = lock();
        MetaView view = store.meta().view();
        WriteBatch batch = new WriteBatch()) {
      MetaStore meta = store.meta();
      for (FileEntry f : files(view)) {
        byte[] p = MetaCodec.tombstonePrefix(f.fileId());
        batch.deleteRange(meta.tombstones(), p, TableFiles.prefixEnd(p));
        batch.delete(meta.manifest(), MetaCodec.fileKey(f));
      }
      byte[] d = MetaCodec.deltaPrefix(tableId());
      batch.deleteRange(meta.delta(), d, TableFiles.prefixEnd(d));
      batch.delete(meta.manifest(), MetaCodec.tableKey(name()));
      meta.commit(batch, "drop of cold table " + name());
    } catch (RocksDBException e) {
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE, "drop of cold table " + name() + " failed: " + e, e);
    }
    closeCursors();
    TableFiles.deleteDirectory(store, directoryName);
  }

  /** Deletes unreferenced files of this table; returns the largest file id seen on disk. */
  long deleteOrphans(List<FileEntry> files) {
    return TableFiles.deleteOrphans(store, directoryName, files);
  }

  void forget(ColdCursor c) {
    cursors.remove(c);
  }

  void closeCursors() {
    for (ColdCursor c : List.copyOf(cursors)) {
      c.closeNative();
    }
  }

  @Override
  public String toString() {
    return "ColdTable[" + name() + " " + schema() + "]";
  }
}
