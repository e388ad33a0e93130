package io.thermocline.engine.backup;

import io.thermocline.common.config.Setting;
import java.util.List;

/** Settings of backups, declared once; read from the database's {@code Config}. Constants only. */
public final class BackupSettings {
  private BackupSettings() {}

  public static final Setting<String> TARGET =
      Setting.stringSetting(
          "backup.target",
          "",
          "Where backups go when no target is given (BACKUP DATA, log backups): a directory or a"
              + " Hadoop URI; empty means the sibling directory '<data directory>-backups'.");

  public static final Setting<Integer> COPY_THREADS =
      Setting.intSetting(
          "backup.copy.threads", 2, 1, 64, "Files a backup or restore copies at the same time.");

  public static final Setting<Boolean> LOG_ENABLED =
      Setting.booleanSetting(
          "backup.log.enabled",
          false,
          "Keep log segments until a log backup copied them, and hold compaction at the newest"
              + " backup, so that point-in-time recovery is possible from the last full backup on.");

  public static final Setting<Long> LOG_INTERVAL_MS =
      Setting.longSetting(
          "backup.log.interval.ms",
          0L,
          0L,
          86_400_000L,
          "With log backups enabled, take a log backup into backup.target this often;"
              + " 0: only on demand (Backups.createLog) and when a checkpoint would drop a segment.");

  public static List<Setting<?>> all() {
    return List.of(TARGET, COPY_THREADS, LOG_ENABLED, LOG_INTERVAL_MS);
  }
}
