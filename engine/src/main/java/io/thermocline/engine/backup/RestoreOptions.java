package io.thermocline.engine.backup;

import io.thermocline.common.config.Config;
import java.time.Instant;

/**
 * How to restore: {@code force} replaces a non-empty (but not live) data directory; {@code
 * untilCid} / {@code untilTime} ask for point-in-time recovery (the full backup, then the log
 * backups of its chain up to that commit id, or up to the last commit at or before that time);
 * {@code config} carries the log settings of the restored directory. Immutable.
 */
public record RestoreOptions(boolean force, long untilCid, Instant untilTime, Config config) {
  /** No point in time: the full backup's own commit id. */
  public static final long NO_CID = Long.MAX_VALUE;

  public RestoreOptions {
    config = config == null ? Config.defaults() : config;
  }

  /** Restore the full backup as it is, into an empty directory. */
  public static RestoreOptions defaults() {
    return new RestoreOptions(false, NO_CID, null, null);
  }

  public RestoreOptions withForce(boolean f) {
    return new RestoreOptions(f, untilCid, untilTime, config);
  }

  public RestoreOptions untilCid(long cid) {
    return new RestoreOptions(force, cid, untilTime, config);
  }

  public RestoreOptions untilTime(Instant time) {
    return new RestoreOptions(force, untilCid, time, config);
  }

  public RestoreOptions withConfig(Config c) {
    return new RestoreOptions(force, untilCid, untilTime, c);
  }

  /** Whether log backups are to be applied. */
  public boolean pointInTime() {
    return untilCid != NO_CID || untilTime != null;
  }
}
