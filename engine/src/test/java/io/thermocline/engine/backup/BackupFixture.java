package io.thermocline.engine.backup;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.config.Config;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.hotstore.HotStoreSettings;
import io.thermocline.recovery.wal.FsyncPolicy;
import io.thermocline.recovery.wal.WalSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Settings, schema and table checksums the backup tests share. */
final class BackupFixture {
  private BackupFixture() {}

  static final Schema EVENTS =
      new Schema(
          List.of(
              Column.notNull("id", DataType.BIGINT),
              Column.notNull("ts", DataType.TIMESTAMP),
              Column.nullable("v", DataType.DOUBLE),
              Column.nullable("s", DataType.varchar(32))),
          List.of("id"),
          "ts");

  /** Small files and thresholds so merges, compactions and checkpoints happen within seconds. */
  static Config config() {
    return Config.defaults()
        .with(ColdSettings.SYNC_METADATA, false)
        .with(ColdSettings.ROW_GROUP_ROWS, 512)
        .with(ColdSettings.PAGE_ROWS, 128)
        .with(ColdSettings.SMALL_FILE_ROWS, 2_000L)
        .with(HotStoreSettings.MERGE_DELTA_ROWS, 3_000L)
        .with(EngineSettings.MAINTENANCE_INTERVAL_MS, 50L)
        .with(EngineSettings.COLD_COMPACTION_CHANGES, 300L)
        .with(EngineSettings.COLD_COMPACTION_FILES, 8)
        .with(EngineSettings.COLD_FILE_MIN_ROWS, 100)
        .with(EngineSettings.EXTENSIONS_ENABLED, false)
        .with(WalSettings.FSYNC_POLICY, FsyncPolicy.BATCH);
  }

  static void createTables(Database db) {
    db.createTable(TableDefinition.hybrid("events", EVENTS));
    db.createTable(TableDefinition.hot("hot_only", EVENTS));
    db.createTable(TableDefinition.cold("cold_only", EVENTS));
  }

  /** An order-independent checksum of one table: count, then the sum of row hashes. */
  record Checksum(long rows, long hash) {}

  /** Checksums of every table at {@code snapshot} (a registered snapshot). */
  static Map<String, Checksum> checksums(Database db, long snapshot) {
    Map<String, Checksum> out = new TreeMap<>();
    for (TableDefinition d : db.tables()) {
      long rows = 0;
      long hash = 0;
      try (BatchCursor c = db.table(d.name()).scan(ScanRequest.at(snapshot))) {
        for (ColumnBatch b = c.next(); b != null; b = c.next()) {
          for (int r = 0; r < b.rowCount(); r++) {
            rows++;
            hash += rowHash(b.row(r));
          }
        }
      }
      out.put(d.name(), new Checksum(rows, hash));
    }
    return out;
  }

  /** Checksums at the newest commit. */
  static Map<String, Checksum> checksums(Database db) {
    long s = db.pinSnapshot();
    try {
      return checksums(db, s);
    } finally {
      db.releaseSnapshot(s);
    }
  }

  private static long rowHash(Object[] row) {
    long h = 17;
    for (Object v : row) {
      long x;
      if (v == null) {
        x = 0x9E3779B97F4A7C15L;
      } else if (v instanceof Double d) {
        x = Double.doubleToRawLongBits(d);
      } else {
        x = v.hashCode();
      }
      h = h * 1_000_003L + x;
      h ^= h >>> 29;
    }
    return h;
  }

  /** Flips one bit of the byte at {@code at} (twice restores it). */
  static void flip(java.nio.file.Path p, long at) throws java.io.IOException {
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x20);
    }
  }
}
