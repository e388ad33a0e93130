package io.thermocline.engine.durability;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Session;
import io.thermocline.recovery.wal.WalSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Settings, schema and helpers the durability tests share: no background thread, small chunks. */
final class DurabilityTestDb {
  private DurabilityTestDb() {}

  /** Readings: id BIGINT PK, name VARCHAR(32), x DOUBLE, ts TIMESTAMP NOT NULL (time column). */
  static final Schema READINGS =
      new Schema(
          List.of(
              Column.notNull("id", DataType.BIGINT),
              Column.nullable("name", DataType.varchar(32)),
              Column.nullable("x", DataType.DOUBLE),
              Column.notNull("ts", DataType.TIMESTAMP)),
          List.of("id"),
          "ts");

  static Config config() {
    return Config.defaults()
        .with(ColdSettings.SYNC_METADATA, false)
        .with(ColdSettings.ROW_GROUP_ROWS, 1024)
        .with(ColdSettings.PAGE_ROWS, 256)
        .with(EngineSettings.MAINTENANCE_ENABLED, false)
        .with(EngineSettings.EXTENSIONS_ENABLED, false)
        .with(EngineSettings.COLD_FILE_MIN_ROWS, 100)
        .with(WalSettings.COMMIT_CHUNK_BYTES, 64 * 1024);
  }

  /** A reading's storage-independent user values; NaN and -0.0 now and then. */
  static Object[] reading(long id, String name) {
    double x = id % 97 == 0 ? Double.NaN : id % 89 == 0 ? -0.0 : id * 0.5;
    return new Object[] {id, name, x, java.time.LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(id)};
  }

  static void insert(Session s, String table, long from, long to, String name) {
    List<Object[]> rows = new ArrayList<>();
    for (long i = from; i < to; i++) {
      rows.add(reading(i, name));
    }
    s.insertRows(table, rows);
  }

  /** Every row as text, sorted: compares contents across a restart exactly (NaN included). */
  static List<String> contents(Database db, String table) {
    List<String> out = new ArrayList<>();
    try (Session s = db.session()) {
      for (Object[] r : s.rows(table, null, null)) {
        out.add(Arrays.toString(r));
      }
    }
    out.sort(null);
    return out;
  }

  static List<Path> segments(Path dataDirectory) throws IOException {
    try (Stream<Path> files = Files.list(dataDirectory.resolve("wal"))) {
      return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
  }
}
