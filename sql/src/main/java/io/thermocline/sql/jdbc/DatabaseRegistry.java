package io.thermocline.sql.jdbc;

import io.thermocline.common.config.Config;
import io.thermocline.engine.Database;
import io.thermocline.engine.Thermocline;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The databases open in this JVM, one per data directory, shared by all connections to it and
 * closed when the last one closes (RocksDB refuses a second open of a directory). Guarded by its
 * own monitor.
 */
final class DatabaseRegistry {
  private static final class Entry {
    final Database database;
    int references;

    Entry(Database database) {
      this.database = database;
    }
  }

  private static final Map<Path, Entry> OPEN = new HashMap<>();

  private DatabaseRegistry() {}

  static Database acquire(Path directory) {
    return acquire(directory, Config.defaults());
  }

  /** The open database of {@code directory}, opened with {@code config} if none is open yet. */
  static synchronized Database acquire(Path directory, Config config) {
    Path key = directory.toAbsolutePath().normalize();
    Entry e = OPEN.get(key);
    if (e == null) {
      e = new Entry(Thermocline.open(key, config));
      OPEN.put(key, e);
    }
    e.references++;
    return e.database;
  }

  static synchronized void release(Database database) {
    Path key = database.dataDirectory().toAbsolutePath().normalize();
    Entry e = OPEN.get(key);
    if (e == null || e.database != database) {
      return;
    }
    if (--e.references == 0) {
      OPEN.remove(key);
      e.database.close();
    }
  }
}
