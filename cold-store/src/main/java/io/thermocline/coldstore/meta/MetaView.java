package io.thermocline.coldstore.meta;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * A read view of the cold metadata. A snapshot view sees one point in time across all column
 * families, so a scan never mixes the manifest before a compaction with the tombstones after it.
 * Used by one thread at a time; {@link #close} (idempotent) releases the snapshot.
 */
public final class MetaView implements AutoCloseable {
  private final RocksDB db;
  private final Snapshot snapshot;
  private final ReadOptions readOptions;
  private final AtomicBoolean closed = new AtomicBoolean();

  MetaView(RocksDB db) {
    this(db, true);
  }

  MetaView(RocksDB db, boolean pin) {
    this.db = db;
    this.snapshot = pin ? db.getSnapshot() : null;
    this.readOptions = new ReadOptions();
    if (snapshot != null) {
      readOptions.setSnapshot(snapshot);
    }
  }

  public byte[] get(ColumnFamilyHandle cf, byte[] key) {
    try {
      return db.get(cf, readOptions, key);
    } catch (RocksDBException e) {
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE, "cold tier metadata read failed: " + e, e);
    }
  }

  /**
   * Calls {@code visitor} with every key/value whose key starts with {@code prefix}, in key order,
   * until it returns false.
   */
  public void scan(ColumnFamilyHandle cf, byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
    try (RocksIterator it = db.newIterator(cf, readOptions)) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!MetaStore.startsWith(key, prefix) || !visitor.test(key, it.value())) {
          break;
        }
      }
      checkStatus(it);
    }
  }

  /** The last key starting with {@code prefix}, or null. */
  public byte[] lastKey(ColumnFamilyHandle cf, byte[] prefix) {
    byte[] upper = Arrays.copyOf(prefix, prefix.length + 16);
    Arrays.fill(upper, prefix.length, upper.length, (byte) 0xFF);
    try (RocksIterator it = db.newIterator(cf, readOptions)) {
      it.seekForPrev(upper);
      byte[] found = it.isValid() && MetaStore.startsWith(it.key(), prefix) ? it.key() : null;
      checkStatus(it);
      return found;
    }
  }

  private static void checkStatus(RocksIterator it) {
    try {
      it.status();
    } catch (RocksDBException e) {
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE, "cold tier metadata iteration failed: " + e, e);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    readOptions.close();
    if (snapshot != null) {
      db.releaseSnapshot(snapshot);
    }
  }
}
