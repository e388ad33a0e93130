package io.thermocline.coldstore.meta;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The cold tier's one RocksDB instance with its column families: {@code manifest} (tables and
 * files), {@code cold_delta} (trickle rows), {@code tombstones} (rows ended inside immutable files)
 * and {@code catalog} (opaque bytes the engine owns). Layouts are in {@link MetaCodec}. RocksDB
 * lives on the local data directory even when the Parquet files are on HDFS: it needs a POSIX file
 * system, and it is small.
 *
 * <p>Thread-safe (RocksDB is). Every change to the cold tier goes through {@link #commit} as one
 * {@link WriteBatch}, so it is applied whole or not at all. {@link #close} is idempotent (compare
 * and set, as RocksDB Java's own native references) and closes every native handle; the owner
 * guarantees no call is in flight when it closes.
 */
public final class MetaStore implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  /** Column family names, in handle order after {@code default}. */
  public static final List<String> FAMILIES =
      List.of("manifest", "cold_delta", "tombstones", "catalog");

  /**
   * A test seam that sees every batch just before it is written and may throw, as a full disk or a
   * failed WAL write would. Production code leaves it null.
   */
  public interface CommitHook {
    void beforeCommit(WriteBatch batch) throws RocksDBException;
  }

  private final Path dir;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final List<ColumnFamilyHandle> handles;
  private final RocksDB db;
  private final WriteOptions writeOptions;
  private final CommitHook hook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MetaStore(
      Path dir,
      DBOptions dbOptions,
      ColumnFamilyOptions cfOptions,
      List<ColumnFamilyHandle> handles,
      RocksDB db,
      WriteOptions writeOptions,
      CommitHook hook) {
    this.dir = dir;
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.handles = handles;
    this.db = db;
    this.writeOptions = writeOptions;
    this.hook = hook;
  }

  /**
   * Opens (creating if needed) the store in {@code dir}. With {@code syncWrites} every commit
   * fsyncs RocksDB's WAL before returning, so a committed cold change survives a power loss.
   */
  public static MetaStore open(Path dir, boolean syncWrites, CommitHook hook) {
    DBOptions dbOptions = null;
    ColumnFamilyOptions cfOptions = null;
    WriteOptions writeOptions = null;
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      dbOptions =
          new DBOptions()
              .setCreateIfMissing(true)
              .setCreateMissingColumnFamilies(true)
              .setMaxBackgroundJobs(2)
              .setKeepLogFileNum(4);
      cfOptions = new ColumnFamilyOptions().optimizeLevelStyleCompaction();
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
      for (String f : FAMILIES) {
        descriptors.add(new ColumnFamilyDescriptor(f.getBytes(), cfOptions));
      }
      RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      writeOptions = new WriteOptions().setSync(syncWrites);
      return new MetaStore(dir, dbOptions, cfOptions, handles, db, writeOptions, hook);
    } catch (Exception e) {
      handles.forEach(ColumnFamilyHandle::close);
      closeQuietly(writeOptions);
      closeQuietly(cfOptions);
      closeQuietly(dbOptions);
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE,
          "cannot open the cold tier's RocksDB at " + dir + ": " + e.getMessage(),
          e);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing after a failed open: the open error is the one to report
      }
    }
  }

  public Path directory() {
    return dir;
  }

  RocksDB db() {
    return db;
  }

  public ColumnFamilyHandle manifest() {
    return handles.get(1);
  }

  public ColumnFamilyHandle delta() {
    return handles.get(2);
  }

  public ColumnFamilyHandle tombstones() {
    return handles.get(3);
  }

  public ColumnFamilyHandle catalog() {
    return handles.get(4);
  }

  /**
   * Writes {@code batch} atomically (and durably, with sync writes). On failure nothing of the
   * batch is applied; the error names {@code what} the batch was for.
   */
  public void commit(WriteBatch batch, String what) {
    try {
      if (hook != null) {
        hook.beforeCommit(batch);
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE,
          "cold tier metadata write failed for " + what + " (RocksDB at " + dir + "): " + e,
          e);
    }
  }

  /** The latest value of {@code key}, or null. */
  public byte[] get(ColumnFamilyHandle cf, byte[] key) {
    try {
      return db.get(cf, key);
    } catch (RocksDBException e) {
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE,
          "cold tier metadata read failed at " + dir + ": " + e,
          e);
    }
  }

  /** A consistent read view (a RocksDB snapshot); close it to release the snapshot. */
  public MetaView view() {
    return new MetaView(db);
  }

  /** A read view of the latest state without pinning a snapshot (each iteration is consistent). */
  public MetaView latest() {
    return new MetaView(db, false);
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /**
   * Writes a consistent copy of the whole store into {@code target} (which must not exist) with
   * RocksDB's {@code Checkpoint}: SST files are hard-linked when {@code target} is on the same file
   * system, the rest copied; the copy opens as a store of its own (backups).
   */
  public void checkpoint(Path target) {
    try (org.rocksdb.Checkpoint cp = org.rocksdb.Checkpoint.create(db)) {
      cp.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE,
          "RocksDB checkpoint of " + dir + " into " + target + " failed: " + e,
          e);
    }
  }

  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (ColumnFamilyHandle h : handles) {
      h.close();
    }
    db.close();
    writeOptions.close();
    cfOptions.close();
    dbOptions.close();
  }
}
