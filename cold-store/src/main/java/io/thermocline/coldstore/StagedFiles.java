package io.thermocline.coldstore;

import io.thermocline.coldstore.fs.LocalDirectories;
import io.thermocline.coldstore.meta.ColumnStats;
import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.coldstore.meta.MetaCodec;
import io.thermocline.coldstore.parquet.ColdFileWriter;
import io.thermocline.coldstore.scan.BatchOps;
import io.thermocline.coldstore.scan.BatchStatistics;
import io.thermocline.coldstore.scan.TimeOrder;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Cold files written but not yet visible: the first phase of a cold write (DESIGN.md section 6).
 * Each {@link #add} sorts its rows by time, splits them by partition and writes one Parquet file
 * per partition under a temporary name, fsyncs it and renames it into place. {@link #commit}
 * registers all files in one RocksDB batch; until then no scan sees them. {@link #close} without a
 * commit (or a failed commit) deletes every file written, so a failure leaves the cold tier as it
 * was; files a crash leaves behind are deleted when the store next opens (no manifest entry).
 *
 * <p>Used by the table's single writer, under its write lock.
 */
@SuppressWarnings("try") // the table lock is held by try-with-resources, never named
public final class StagedFiles implements AutoCloseable {
  private final ColdTable table;
  private final List<Staged> files = new ArrayList<>();
  private boolean committed;
  private boolean closed;

  /** A written, fsynced, renamed file awaiting its manifest entry. */
  record Staged(
      long partition,
      long fileId,
      String relativePath,
      Path path,
      ColdFileWriter.Written written,
      List<ColumnStats> stats) {

    FileEntry entry(int tableId, long createCid) {
      return new FileEntry(
          tableId,
          partition,
          fileId,
          relativePath,
          written.rows(),
          written.sizeBytes(),
          createCid,
          FileEntry.LIVE,
          written.tailOffset(),
          written.tailCrc(),
          stats);
    }
  }

  StagedFiles(ColdTable table) {
    this.table = table;
  }

  /**
   * Writes the rows of {@code batch} (of the table's schema) as files; empty batches are skipped.
   */
  public void add(ColumnBatch batch) {
    check();
    Schema schema = table.schema();
    if (batch.rowCount() == 0) {
      return;
    }
    requireSchema(batch, schema);
    for (Map.Entry<Long, ColumnBatch> part : splitByPartition(batch, schema).entrySet()) {
      files.add(writeOne(part.getKey(), part.getValue()));
    }
  }

  List<Staged> staged() {
    return files;
  }

  long rows() {
    long n = 0;
    for (Staged s : files) {
      n += s.written().rows();
    }
    return n;
  }

  /** Makes every staged file visible at {@code cid}, atomically. */
  public void commit(long cid) {
    check();
    try (ColdTable.Locked locked = table.lock();
        WriteBatch batch = new WriteBatch()) {
      putEntries(batch, cid);
      table.store().meta().commit(batch, "new files of cold table " + table.name());
      committed = true;
    } catch (RocksDBException e) {
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE,
          "cannot register files of cold table " + table.name() + ": " + e,
          e);
    } finally {
      if (!committed) {
        deleteAll();
      }
    }
  }

  /** Adds the manifest entries to {@code batch}; the caller commits it and calls markCommitted. */
  void putEntries(WriteBatch batch, long cid) throws RocksDBException {
    for (Staged s : files) {
      FileEntry e = s.entry(table.tableId(), cid);
      batch.put(table.store().meta().manifest(), MetaCodec.fileKey(e), MetaCodec.encodeFile(e));
    }
  }

  void markCommitted() {
    committed = true;
  }

  private void check() {
    if (closed || committed) {
      throw new ThermoException(
          ErrorCode.INTERNAL, "staged files of " + table.name() + " already committed or closed");
    }
  }

  private static void requireSchema(ColumnBatch batch, Schema schema) {
    if (batch.columnCount() != schema.size()) {
      throw new ThermoException(
          ErrorCode.WRONG_COLUMN_COUNT,
          "batch has " + batch.columnCount() + " columns, the table " + schema.names());
    }
    for (int c = 0; c < schema.size(); c++) {
      DataType want = schema.column(c).type();
      DataType have = batch.column(c).type();
      if (want.storage() != have.storage()) {
        throw new ThermoException(
            ErrorCode.TYPE_MISMATCH,
            "column " + schema.column(c).name() + " is " + want.sql() + ", the batch has " + have);
      }
      if (!schema.column(c).nullable() && batch.column(c).hasNulls()) {
        for (int r = 0; r < batch.rowCount(); r++) {
          if (batch.column(c).isNull(r)) {
            throw new ThermoException(
                ErrorCode.NOT_NULL_VIOLATION,
                "column " + schema.column(c).name() + " is NOT NULL but row " + r + " is NULL");
          }
        }
      }
    }
  }

  private Map<Long, ColumnBatch> splitByPartition(ColumnBatch batch, Schema schema) {
    ColdPartitioning p = table.partitioning();
    Map<Long, ColumnBatch> out = new TreeMap<>();
    if (p == ColdPartitioning.NONE) {
      out.put(0L, batch);
      return out;
    }
    int t = schema.indexOf(schema.timeColumn().orElseThrow());
    LongVector time = (LongVector) batch.column(t);
    long[] keys = new long[batch.rowCount()];
    Map<Long, Integer> counts = new TreeMap<>();
    for (int r = 0; r < keys.length; r++) {
      keys[r] =
          time.isNull(r)
              ? ColdPartitioning.NULL_KEY
              : p.partitionOf(time.get(r), schema.column(t).type().kind());
      counts.merge(keys[r], 1, Integer::sum);
    }
    if (counts.size() == 1) {
      out.put(keys[0], batch);
      return out;
    }
    int[] all = TimeOrder.identity(schema.size());
    for (Map.Entry<Long, Integer> e : counts.entrySet()) {
      int[] rows = new int[e.getValue()];
      int k = 0;
      for (int r = 0; r < keys.length; r++) {
        if (keys[r] == e.getKey()) {
          rows[k++] = r;
        }
      }
      out.put(e.getKey(), BatchOps.gather(batch, all, rows, schema));
    }
    return out;
  }

  private Staged writeOne(long partition, ColumnBatch rows) {
    Schema schema = table.schema();
    ColdStore store = table.store();
    FileSystem fs = store.fileSystem();
    long fileId = store.nextId();
    String dirName = table.directoryName() + "/" + table.partitioning().directory(partition);
    String relative = dirName + "/f" + fileId + ".parquet";
    Path dir = new Path(store.rootPath(), dirName);
    Path tmp = new Path(dir, "_f" + fileId + ".parquet.tmp");
    Path target = new Path(store.rootPath(), relative);
    try {
      int[] order =
          schema.timeColumn().isPresent()
              ? TimeOrder.of((LongVector) rows.column(schema.timeColumn().get()))
              : TimeOrder.identity(rows.rowCount());
      if (!fs.mkdirs(dir)) {
        throw new IOException("cannot create directory " + dir);
      }
      ColdFileWriter.Written w =
          ColdFileWriter.write(fs, tmp, store.conf(), schema, rows, order, table.writerSettings());
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename of " + tmp + " to " + target + " failed");
      }
      LocalDirectories.syncIfLocal(fs, dir);
      return new Staged(partition, fileId, relative, target, w, BatchStatistics.of(rows));
    } catch (IOException | RuntimeException e) {
      deleteQuietly(fs, tmp, e);
      deleteQuietly(fs, target, e);
      if (e instanceof ThermoException t && t.code() != ErrorCode.INTERNAL) {
        throw t;
      }
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "cannot write cold file " + target + " of table " + table.name() + ": " + e.getMessage(),
          e);
    }
  }

  private static void deleteQuietly(FileSystem fs, Path p, Throwable failure) {
    try {
      fs.delete(p, false);
    } catch (IOException | RuntimeException e) {
      // reopening the store deletes what is left; the write failure is the one to report
      failure.addSuppressed(e);
    }
  }

  private void deleteAll() {
    FileSystem fs = table.store().fileSystem();
    for (Staged s : files) {
      try {
        fs.delete(s.path(), false);
      } catch (IOException | RuntimeException e) {
        // left for the orphan sweep at the next open
      }
    }
    files.clear();
  }

  /** Deletes the staged files unless they were committed. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!committed) {
      deleteAll();
    }
  }
}
