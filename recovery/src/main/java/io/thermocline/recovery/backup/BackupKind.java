package io.thermocline.recovery.backup;

/** What a backup holds. */
public enum BackupKind {
  /** A consistent image of the whole database at one commit id. */
  FULL,
  /**
   * The log since the previous backup of the same chain (plus what recovery to a point in it
   * needs), for point-in-time recovery on top of a full backup.
   */
  LOG
}
