package io.thermocline.coldstore;

import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.coldstore.meta.MetaCodec;
import io.thermocline.coldstore.meta.MetaCodec.DeltaRow;
import io.thermocline.coldstore.meta.MetaView;
import io.thermocline.coldstore.parquet.ColdFileReader;
import io.thermocline.coldstore.parquet.ColumnBinding;
import io.thermocline.coldstore.parquet.FilterTranslator;
import io.thermocline.coldstore.parquet.ParquetTypes;
import io.thermocline.coldstore.parquet.RowChunk;
import io.thermocline.coldstore.parquet.VerifiedFooter;
import io.thermocline.coldstore.scan.LongList;
import io.thermocline.coldstore.scan.VectorFilter;
import io.thermocline.common.batch.BatchBuilder;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.expr.ExprEvaluator;
import io.thermocline.common.schema.Schema;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.schema.MessageType;

/**
 * The rows of one table visible at one snapshot, as read batches with a selection: the given files
 * minus their tombstones ended at or before the snapshot, then the visible cold delta rows. All
 * metadata comes from one RocksDB snapshot ({@link MetaView}), so a compaction or delete that
 * commits meanwhile changes nothing here; the files read stay pinned until {@link #close}. One
 * thread.
 */
final class SnapshotScan implements AutoCloseable {
  /** A read batch, the rows that pass, and where each row lives (file position or delta row id). */
  record Source(
      ColumnBatch batch, long[] selection, FileEntry file, long[] rowIds, DeltaRow[] deltaRows) {}

  private final ColdTable table;
  private final MetaView view;
  private final ScanPlan plan;
  private final long snapshot;
  private final int batchSize;
  private final Deque<FileEntry> files;
  private final List<FileEntry> pinned;
  private final Deque<DeltaRow> delta = new ArrayDeque<>();

  private ColdFileReader reader;
  private FileEntry current;
  private long[] dead;
  private long[] endedLater;
  private boolean closed;

  SnapshotScan(
      ColdTable table,
      MetaView view,
      ScanPlan plan,
      long snapshot,
      List<FileEntry> files,
      boolean includeDelta,
      int batchSize) {
    this.table = table;
    this.view = view;
    this.plan = plan;
    this.snapshot = snapshot;
    this.batchSize = batchSize;
    this.files = new ArrayDeque<>(files);
    this.pinned = files;
    if (includeDelta) {
      loadDelta();
    }
  }

  private void loadDelta() {
    Schema schema = plan.table();
    view.scan(
        table.store().meta().delta(),
        MetaCodec.deltaPrefix(table.tableId()),
        (k, v) -> {
          DeltaRow row = MetaCodec.decodeDeltaRow(MetaCodec.deltaRowId(k), v, schema);
          if (row.visibleAt(snapshot) && ExprEvaluator.matches(plan.filterTable(), row.values())) {
            delta.add(row);
          }
          return true;
        });
  }

  /**
   * The next batch with at least one selected row, or null. A damaged file is reported with the
   * table's name as well as the file's, so an operator knows which table lost what.
   */
  Source next() {
    try {
      return nextSource();
    } catch (CorruptFileException e) {
      if (e.problem().startsWith("cold table ")) {
        throw e;
      }
      throw new CorruptFileException(
          e.file(), e.offset(), "cold table " + table.name() + ": " + e.problem(), e);
    }
  }

  private Source nextSource() {
    while (true) {
      if (reader != null) {
        RowChunk chunk = reader.next(batchSize);
        if (chunk != null) {
          Source s = select(chunk);
          if (s != null) {
            return s;
          }
          continue;
        }
        closeReader();
      }
      if (!files.isEmpty()) {
        openFile(files.poll());
        continue;
      }
      return delta.isEmpty() ? null : nextDelta();
    }
  }

  /** Whether the row at {@code position} of the current file was ended after the snapshot. */
  boolean endedAfterSnapshot(long position) {
    return endedLater.length > 0 && Arrays.binarySearch(endedLater, position) >= 0;
  }

  private void openFile(FileEntry f) {
    current = f;
    loadTombstones(f);
    ColdStore store = table.store();
    Path path = new Path(store.rootPath(), f.path());
    VerifiedFooter footer =
        store
            .footers()
            .get(
                f.fileId(),
                () ->
                    VerifiedFooter.load(
                        store.fileSystem(), path, f.sizeBytes(), f.tailOffset(), f.tailCrc()));
    MessageType fileSchema = footer.footer().getFileMetaData().getSchema();
    List<ColumnBinding> bindings =
        ParquetTypes.bindOwn(plan.table(), plan.readColumns(), fileSchema, path.toString());
    FilterPredicate pushdown =
        plan.filterTable() == null
            ? null
            : FilterTranslator.translate(
                plan.filterTable(), plan.table(), fileSchema::containsField);
    reader =
        ColdFileReader.open(store.fileSystem(), path, footer, bindings, pushdown, store.conf());
  }

  private void loadTombstones(FileEntry f) {
    FileTombstones t = FileTombstones.load(table.store().meta(), view, f.fileId());
    long[] deadBits = null;
    LongList later = new LongList();
    for (int i = 0; i < t.size(); i++) {
      long pos = t.positions()[i];
      if (t.ends()[i] > snapshot) {
        later.add(pos);
      } else if (pos < f.rowCount()) {
        if (deadBits == null) {
          deadBits = NullBitmap.allocate((int) f.rowCount());
        }
        NullBitmap.set(deadBits, (int) pos);
      }
    }
    dead = deadBits;
    endedLater = later.toArray();
  }

  private Source select(RowChunk chunk) {
    ColumnBatch batch = new ColumnBatch(plan.readSchema(), chunk.rows(), chunk.vectors());
    long[] sel = VectorFilter.select(plan.filterRead(), batch);
    if (dead != null) {
      long[] pos = chunk.positions();
      for (int i = 0; i < pos.length; i++) {
        int p = (int) pos[i];
        if ((dead[p >>> 6] & (1L << p)) != 0) {
          NullBitmap.clear(sel, i);
        }
      }
    }
    if (NullBitmap.cardinality(sel, chunk.rows()) == 0) {
      return null;
    }
    return new Source(batch, sel, current, chunk.positions(), null);
  }

  private Source nextDelta() {
    int n = Math.min(batchSize, delta.size());
    BatchBuilder b = new BatchBuilder(plan.readSchema(), n);
    DeltaRow[] rows = new DeltaRow[n];
    long[] ids = new long[n];
    int[] cols = plan.readColumns();
    Object[] values = new Object[cols.length];
    for (int i = 0; i < n; i++) {
      DeltaRow r = delta.poll();
      rows[i] = r;
      ids[i] = r.rowId();
      for (int c = 0; c < cols.length; c++) {
        values[c] = r.values()[cols[c]];
      }
      b.add(values);
    }
    ColumnBatch batch = b.build();
    return new Source(batch, VectorFilter.all(n), null, ids, rows);
  }

  private void closeReader() {
    if (reader != null) {
      ColdFileReader r = reader;
      reader = null;
      r.close();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      closeReader();
    } finally {
      for (FileEntry f : pinned) {
        table.pins().unpin(f.fileId());
      }
      view.close();
    }
  }
}
