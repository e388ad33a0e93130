package io.thermocline.engine;

import io.thermocline.common.config.Config;
import java.nio.file.Path;

/**
 * The embedded entry point: {@code try (Database db = Thermocline.open(dir)) { ... }}. A data
 * directory is opened by one database at a time (RocksDB's lock refuses a second). Stateless.
 */
public final class Thermocline {
  private Thermocline() {}

  /** Opens (creating if needed) the database in {@code dataDirectory} with default settings. */
  public static Database open(Path dataDirectory) {
    return Database.open(DatabaseOptions.of(dataDirectory));
  }

  /** Opens the database with the given settings (see {@link EngineSettings#all()}). */
  public static Database open(Path dataDirectory, Config config) {
    return Database.open(DatabaseOptions.of(dataDirectory).withConfig(config));
  }

  public static Database open(DatabaseOptions options) {
    return Database.open(options);
  }
}
