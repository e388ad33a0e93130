package io.thermocline.engine;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.nio.file.Path;

/** Settings and schemas the engine tests share: small files, no fsync, no background thread. */
final class EngineTestDb {
  private EngineTestDb() {}

  /**
   * Orders: id BIGINT PK, region VARCHAR(8), amount DECIMAL(12,2), created_at TIMESTAMP NOT NULL.
   */
  static final Schema ORDERS =
      new Schema(
          java.util.List.of(
              Column.notNull("id", DataType.BIGINT),
              Column.nullable("region", DataType.varchar(8)),
              Column.nullable("amount", DataType.decimal(12, 2)),
              Column.notNull("created_at", DataType.TIMESTAMP)),
          java.util.List.of("id"),
          "created_at");

  static Config config() {
    return Config.defaults()
        .with(ColdSettings.SYNC_METADATA, false)
        .with(ColdSettings.ROW_GROUP_ROWS, 1024)
        .with(ColdSettings.PAGE_ROWS, 256)
        .with(EngineSettings.MAINTENANCE_ENABLED, false)
        .with(EngineSettings.COLD_FILE_MIN_ROWS, 100);
  }

  static Database open(Path dir) {
    return Thermocline.open(dir, config());
  }
}
