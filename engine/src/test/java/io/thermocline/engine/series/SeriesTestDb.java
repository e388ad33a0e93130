package io.thermocline.engine.series;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.engine.catalog.TableDefinition;
import java.time.LocalDateTime;
import java.util.List;

/** The meter table of DESIGN.md section 2 and the settings the series tests share. */
final class SeriesTestDb {
  private SeriesTestDb() {}

  static final String METER = "meter";
  static final long QUARTER_HOUR = 15 * 60_000_000L;
  static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);

  static final Schema SCHEMA =
      Schema.of(
          Column.notNull("meter_id", DataType.INTEGER),
          Column.nullable("ts", DataType.TIMESTAMP),
          Column.nullable("kwh", DataType.DOUBLE),
          Column.nullable("volts", DataType.DOUBLE));

  static SeriesSpec spec(boolean missingAllowed) {
    return new SeriesSpec(List.of("meter_id"), "ts", QUARTER_HOUR, missingAllowed);
  }

  static TableDefinition hybrid(SeriesSpec spec) {
    return TableDefinition.hybrid(METER, SCHEMA).withSeries(spec);
  }

  static Config config() {
    return Config.defaults()
        .with(ColdSettings.SYNC_METADATA, false)
        .with(ColdSettings.ROW_GROUP_ROWS, 1024)
        .with(ColdSettings.PAGE_ROWS, 256)
        .with(EngineSettings.MAINTENANCE_ENABLED, false)
        .with(EngineSettings.COLD_FILE_MIN_ROWS, 100);
  }

  static LocalDateTime at(long quarter) {
    return T0.plusMinutes(15 * quarter);
  }
}
