package io.thermocline.engine;

import io.thermocline.coldstore.ColdStoreOptions;
import io.thermocline.common.config.Config;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * How to open a database: its data directory (RocksDB and, by default, the cold Parquet files live
 * there), the settings ({@link EngineSettings#all()}), and an optional adjustment of the cold
 * store's options (a cluster file system, or a fault-injecting one in tests). Immutable.
 */
public record DatabaseOptions(
    Path dataDirectory, Config config, UnaryOperator<ColdStoreOptions> coldOptions) {

  public DatabaseOptions {
    config = config == null ? Config.defaults() : config;
    coldOptions = coldOptions == null ? UnaryOperator.identity() : coldOptions;
  }

  public static DatabaseOptions of(Path dataDirectory) {
    return new DatabaseOptions(dataDirectory, Config.defaults(), null);
  }

  public DatabaseOptions withConfig(Config c) {
    return new DatabaseOptions(dataDirectory, c, coldOptions);
  }

  public DatabaseOptions withColdOptions(UnaryOperator<ColdStoreOptions> adjust) {
    return new DatabaseOptions(dataDirectory, config, adjust);
  }
}
