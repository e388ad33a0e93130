package io.thermocline.recovery.backup;

/** What the catalog finds for a backup without re-hashing its files (that is {@code verify}). */
public enum BackupStatus {
  /** The manifest is there and intact: the backup was finished. */
  COMPLETE,
  /** No manifest: the backup was cut short (or is being written now). */
  INCOMPLETE,
  /** The manifest is unreadable or fails its checksum. */
  DAMAGED
}
