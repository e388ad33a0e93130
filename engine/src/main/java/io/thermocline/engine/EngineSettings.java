package io.thermocline.engine;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.config.Setting;
import io.thermocline.hotstore.HotStoreSettings;
import java.util.ArrayList;
import java.util.List;

/** The engine's settings, declared once; read from a {@code Config}. Constants only. */
public final class EngineSettings {
  private EngineSettings() {}

  public static final Setting<Integer> COLD_FILE_MIN_ROWS =
      Setting.intSetting(
          "engine.cold.file.min.rows",
          10_000,
          1,
          Integer.MAX_VALUE,
          "An insert into a cold-only table with at least this many rows becomes Parquet files;"
              + " smaller ones go to the cold delta.");

  public static final Setting<Long> CHECKPOINT_LOG_BYTES =
      Setting.longSetting(
          "engine.checkpoint.log.bytes",
          256L << 20,
          0L,
          Long.MAX_VALUE,
          "The maintenance thread checkpoints the hot tier (and truncates the log) once this many"
              + " log bytes were written since the last checkpoint; 0: only Database.checkpoint.");

  public static final Setting<Boolean> MAINTENANCE_ENABLED =
      Setting.booleanSetting(
          "engine.maintenance.enabled",
          true,
          "Run hot delta merges and cold compactions in a background thread"
              + " (off: only Database.runMaintenance does).");

  public static final Setting<Long> MAINTENANCE_INTERVAL_MS =
      Setting.longSetting(
          "engine.maintenance.interval.ms",
          1_000L,
          1L,
          3_600_000L,
          "How often the maintenance thread looks at delta sizes and cold changes.");

  public static final Setting<Long> COLD_COMPACTION_CHANGES =
      Setting.longSetting(
          "engine.cold.compaction.changes",
          100_000L,
          1L,
          Long.MAX_VALUE,
          "A cold table is compacted once its delta rows plus tombstones reach this many.");

  public static final Setting<Integer> COLD_COMPACTION_FILES =
      Setting.intSetting(
          "engine.cold.compaction.files",
          64,
          2,
          Integer.MAX_VALUE,
          "A cold table is compacted once it has this many live files (small files merge).");

  public static final Setting<Long> COMMIT_ID_BLOCK =
      Setting.longSetting(
          "engine.commit.id.block",
          1_000_000L,
          1L,
          1L << 40,
          "Commit ids reserved in the catalog at a time; a reopened database starts above them.");

  public static final Setting<Integer> AUTOCOMMIT_RETRIES =
      Setting.intSetting(
          "engine.autocommit.retries",
          3,
          0,
          100,
          "How often an autocommit UPDATE or DELETE is retried on a fresh snapshot after a"
              + " write-write conflict before the conflict is reported.");

  public static final Setting<Boolean> EXTENSIONS_ENABLED =
      Setting.booleanSetting(
          "engine.extensions.enabled",
          true,
          "Attach the DatabaseExtensions found on the class path (the aging scheduler) when a"
              + " database opens; off for tools that open a data directory without services.");

  /** The engine's own settings. */
  public static List<Setting<?>> engine() {
    return List.of(
        COLD_FILE_MIN_ROWS,
        MAINTENANCE_ENABLED,
        MAINTENANCE_INTERVAL_MS,
        COLD_COMPACTION_CHANGES,
        COLD_COMPACTION_FILES,
        COMMIT_ID_BLOCK,
        AUTOCOMMIT_RETRIES,
        CHECKPOINT_LOG_BYTES,
        EXTENSIONS_ENABLED);
  }

  /** Every setting a database reads: engine, hot tier and cold tier, for {@code Config.parse}. */
  public static List<Setting<?>> all() {
    List<Setting<?>> all = new ArrayList<>(engine());
    all.addAll(HotStoreSettings.all());
    all.addAll(ColdSettings.ALL);
    all.addAll(io.thermocline.recovery.wal.WalSettings.all());
    all.addAll(io.thermocline.engine.backup.BackupSettings.all());
    return all;
  }
}
