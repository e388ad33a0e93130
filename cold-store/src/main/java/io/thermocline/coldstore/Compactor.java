package io.thermocline.coldstore;

import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.coldstore.meta.MetaCodec;
import io.thermocline.coldstore.meta.MetaCodec.DeltaRow;
import io.thermocline.coldstore.meta.MetaStore;
import io.thermocline.coldstore.meta.MetaView;
import io.thermocline.coldstore.meta.TableRecord;
import io.thermocline.coldstore.parquet.ColdFileReader;
import io.thermocline.coldstore.parquet.ParquetTypes;
import io.thermocline.coldstore.parquet.RowChunk;
import io.thermocline.coldstore.parquet.VerifiedFooter;
import io.thermocline.coldstore.scan.BatchOps;
import io.thermocline.coldstore.scan.LongList;
import io.thermocline.coldstore.scan.TimeOrder;
import io.thermocline.common.batch.BatchBuilder;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * One compaction of one table at oldest live snapshot {@code L}. Per partition it rewrites the
 * files that have tombstones ended at or before {@code L} (and small files, merged), together with
 * the delta rows created at or before {@code L}, into one new sorted file. Rows ended at or before
 * {@code L} are dropped; rows ended later keep a tombstone at their new position. The new file is
 * created, and the files it replaces retired, at {@code c}: the largest commit id among everything
 * folded ({@code c <= L}). For every snapshot {@code s >= c} the visible rows are therefore exactly
 * what they were, and snapshots older than {@code c} cannot be live (the caller vouches for {@code
 * L}); the table's horizon records that. All of it is one RocksDB batch. Afterwards retired files
 * no live snapshot and no running scan needs are unregistered and deleted.
 */
final class Compactor {
  private static final long NO_END = FileTombstones.NONE;

  private final ColdTable table;
  private final ColdStore store;
  private final MetaStore meta;
  private final long oldestLive;
  private final Schema schema;

  private int filesWritten;
  private int filesRetired;
  private long deltaFolded;
  private long tombstonesFolded;
  private long horizon;

  Compactor(ColdTable table, long oldestLive) {
    this.table = table;
    this.store = table.store();
    this.meta = store.meta();
    this.oldestLive = oldestLive;
    this.schema = table.schema();
    this.horizon = table.horizon();
  }

  /** What one partition folds. */
  private static final class Work {
    final List<FileEntry> files = new ArrayList<>();
    final List<DeltaRow> delta = new ArrayList<>();
  }

  CompactionResult run() {
    Map<Long, Work> work = new TreeMap<>();
    Map<Long, FileTombstones> tombstones = new HashMap<>();
    try (MetaView view = meta.view()) {
      for (FileEntry f : table.files(view)) {
        if (f.isLive() && f.createCid() <= oldestLive) {
          work.computeIfAbsent(f.partition(), p -> new Work()).files.add(f);
          tombstones.put(f.fileId(), FileTombstones.load(meta, view, f.fileId()));
        }
      }
      view.scan(
          meta.delta(),
          MetaCodec.deltaPrefix(table.tableId()),
          (k, v) -> {
            DeltaRow d = MetaCodec.decodeDeltaRow(MetaCodec.deltaRowId(k), v, schema);
            if (d.createCid() <= oldestLive) {
              work.computeIfAbsent(partitionOf(d), p -> new Work()).delta.add(d);
            }
            return true;
          });
    }
    long smallRows = store.config().get(ColdSettings.SMALL_FILE_ROWS);
    try (StagedFiles out = table.stage();
        WriteBatch batch = new WriteBatch()) {
      boolean changed = false;
      for (Work w : work.values()) {
        changed |= fold(w, tombstones, smallRows, out, batch);
      }
      if (changed) {
        TableRecord next = putHorizon(batch);
        meta.commit(batch, "compaction of cold table " + table.name());
        out.markCommitted();
        if (next != null) {
          table.setRecord(next);
        }
      }
    } catch (RocksDBException e) {
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE,
          "compaction of cold table " + table.name() + " failed: " + e,
          e);
    }
    int deleted = deleteRetired();
    return new CompactionResult(filesWritten, filesRetired, deleted, deltaFolded, tombstonesFolded);
  }

  private long partitionOf(DeltaRow d) {
    ColdPartitioning p = table.partitioning();
    if (p == ColdPartitioning.NONE) {
      return 0;
    }
    int t = schema.indexOf(schema.timeColumn().orElseThrow());
    Object v = d.values()[t];
    TypeKind kind = schema.column(t).type().kind();
    return v == null ? ColdPartitioning.NULL_KEY : p.partitionOf((Long) v, kind);
  }

  private boolean fold(
      Work w,
      Map<Long, FileTombstones> tombstones,
      long smallRows,
      StagedFiles out,
      WriteBatch batch)
      throws RocksDBException {
    List<FileEntry> rewrite = new ArrayList<>();
    List<FileEntry> small = new ArrayList<>();
    for (FileEntry f : w.files) {
      if (tombstones.get(f.fileId()).anyEndedBy(oldestLive)) {
        rewrite.add(f);
      } else if (f.rowCount() < smallRows) {
        small.add(f);
      }
    }
    if (small.size() >= 2 || !rewrite.isEmpty() || !w.delta.isEmpty()) {
      rewrite.addAll(small);
    }
    if (rewrite.isEmpty() && w.delta.isEmpty()) {
      return false;
    }
    long c = 0;
    List<ColumnBatch> parts = new ArrayList<>();
    LongList pendingEnds = new LongList();
    for (FileEntry f : rewrite) {
      FileTombstones ends = tombstones.get(f.fileId());
      c = Math.max(c, Math.max(f.createCid(), ends.lastEndBy(oldestLive)));
      tombstonesFolded += ends.size();
      readLiveRows(f, ends, parts, pendingEnds);
    }
    BatchBuilder fromDelta = new BatchBuilder(schema, w.delta.size());
    for (DeltaRow d : w.delta) {
      c = Math.max(c, d.createCid());
      deltaFolded++;
      if (d.endCid() <= oldestLive) {
        c = Math.max(c, d.endCid());
        continue;
      }
      fromDelta.add(d.values());
      pendingEnds.add(d.endCid());
    }
    if (fromDelta.size() > 0) {
      parts.add(fromDelta.build());
    }
    int before = out.staged().size();
    List<long[]> newTombstones =
        parts.isEmpty() ? List.of() : write(parts, pendingEnds, out, before);
    for (int i = before; i < out.staged().size(); i++) {
      FileEntry e = out.staged().get(i).entry(table.tableId(), c);
      batch.put(meta.manifest(), MetaCodec.fileKey(e), MetaCodec.encodeFile(e));
      filesWritten++;
    }
    for (long[] t : newTombstones) {
      batch.put(
          meta.tombstones(), MetaCodec.tombstoneKey(t[0], t[1]), MetaCodec.encodeTombstone(t[2]));
    }
    for (FileEntry f : rewrite) {
      FileEntry retired = f.retiredAt(c);
      batch.put(meta.manifest(), MetaCodec.fileKey(retired), MetaCodec.encodeFile(retired));
      byte[] p = MetaCodec.tombstonePrefix(f.fileId());
      batch.deleteRange(meta.tombstones(), p, TableFiles.prefixEnd(p));
      filesRetired++;
    }
    for (DeltaRow d : w.delta) {
      batch.delete(meta.delta(), MetaCodec.deltaKey(table.tableId(), d.rowId()));
    }
    horizon = Math.max(horizon, c);
    return true;
  }

  /** Reads every column of {@code f}, keeping rows not ended at or before the horizon. */
  private void readLiveRows(
      FileEntry f, FileTombstones ends, List<ColumnBatch> parts, LongList pendingEnds) {
    Path path = new Path(store.rootPath(), f.path());
    VerifiedFooter footer =
        store
            .footers()
            .get(
                f.fileId(),
                () ->
                    VerifiedFooter.load(
                        store.fileSystem(), path, f.sizeBytes(), f.tailOffset(), f.tailCrc()));
    int[] all = TimeOrder.identity(schema.size());
    try (ColdFileReader reader =
        ColdFileReader.open(
            store.fileSystem(),
            path,
            footer,
            ParquetTypes.bindOwn(
                schema, all, footer.footer().getFileMetaData().getSchema(), path.toString()),
            null,
            store.conf())) {
      for (RowChunk chunk = reader.next(8192); chunk != null; chunk = reader.next(8192)) {
        ColumnBatch b = new ColumnBatch(schema, chunk.rows(), chunk.vectors());
        int[] keep = new int[chunk.rows()];
        int k = 0;
        for (int i = 0; i < chunk.rows(); i++) {
          long end = ends.endOf(chunk.positions()[i]);
          if (end > oldestLive) {
            keep[k++] = i;
            pendingEnds.add(end);
          }
        }
        if (k > 0) {
          parts.add(BatchOps.gather(b, all, Arrays.copyOf(keep, k), schema));
        }
      }
    }
  }

  /**
   * Sorts the folded rows by time and stages them as files of at most the configured size. Returns
   * the tombstones of rows ended after the horizon: (new file id, position, end cid).
   */
  private List<long[]> write(
      List<ColumnBatch> parts, LongList pendingEnds, StagedFiles out, int firstStaged) {
    ColumnBatch all = BatchOps.concat(parts, schema);
    int[] order =
        schema.timeColumn().isPresent()
            ? TimeOrder.of((LongVector) all.column(schema.timeColumn().get()))
            : TimeOrder.identity(all.rowCount());
    int max = store.config().get(ColdSettings.FILE_MAX_ROWS);
    int[] columns = TimeOrder.identity(schema.size());
    List<long[]> tombstones = new ArrayList<>();
    for (int from = 0; from < order.length; from += max) {
      int to = Math.min(order.length, from + max);
      int[] rows = Arrays.copyOfRange(order, from, to);
      out.add(BatchOps.gather(all, columns, rows, schema));
      long fileId = out.staged().get(out.staged().size() - 1).fileId();
      for (int j = 0; j < rows.length; j++) {
        long end = pendingEnds.get(rows[j]);
        if (end != NO_END) {
          tombstones.add(new long[] {fileId, j, end});
        }
      }
    }
    return tombstones;
  }

  /** Adds the raised horizon to {@code batch}; the record to install once it commits, or null. */
  private TableRecord putHorizon(WriteBatch batch) throws RocksDBException {
    TableRecord r = storeRecord();
    if (horizon <= r.horizon()) {
      return null;
    }
    TableRecord next = r.withHorizon(horizon);
    batch.put(meta.manifest(), MetaCodec.tableKey(table.name()), MetaCodec.encodeTable(next));
    return next;
  }

  private TableRecord storeRecord() {
    return new TableRecord(
        table.name(), table.tableId(), schema, table.partitioning().name(), table.horizon());
  }

  /** Unregisters and deletes retired files invisible from the oldest live snapshot on. */
  private int deleteRetired() {
    List<FileEntry> candidates = new ArrayList<>();
    try (MetaView view = meta.latest()) {
      for (FileEntry f : table.files(view)) {
        if (!f.isLive() && f.retireCid() <= oldestLive) {
          candidates.add(f);
        }
      }
    }
    List<FileEntry> gone = new ArrayList<>();
    synchronized (table.pins()) {
      try (WriteBatch batch = new WriteBatch()) {
        for (FileEntry f : candidates) {
          if (!table.pins().isPinned(f.fileId())) {
            batch.delete(meta.manifest(), MetaCodec.fileKey(f));
            byte[] p = MetaCodec.tombstonePrefix(f.fileId());
            batch.deleteRange(meta.tombstones(), p, TableFiles.prefixEnd(p));
            horizon = Math.max(horizon, f.retireCid());
            gone.add(f);
          }
        }
        if (gone.isEmpty()) {
          return 0;
        }
        TableRecord next = putHorizon(batch);
        meta.commit(batch, "deleting retired files of cold table " + table.name());
        if (next != null) {
          table.setRecord(next);
        }
      } catch (RocksDBException e) {
        throw new ThermoException(
            ErrorCode.COLD_TIER_UNAVAILABLE,
            "unregistering retired files of " + table.name() + " failed: " + e,
            e);
      }
    }
    for (FileEntry f : gone) {
      store.footers().evict(f.fileId());
      TableFiles.deleteQuietly(store.fileSystem(), new Path(store.rootPath(), f.path()));
    }
    return gone.size();
  }
}
