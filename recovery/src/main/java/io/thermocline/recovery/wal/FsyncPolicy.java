package io.thermocline.recovery.wal;

/** When the log forces appended records to stable storage before acknowledging them. */
public enum FsyncPolicy {
  /** Every commit is fsynced before it is acknowledged; concurrent commits share one fsync. */
  SYNC,
  /**
   * Commits are acknowledged once written to the operating system; the log fsyncs at most every
   * {@link WalSettings#FSYNC_INTERVAL_MS} milliseconds, so a machine crash loses at most that
   * window (a process crash loses nothing). It fsyncs sooner only when more than {@link
   * WalSettings#WRITE_BATCH_BYTES} would otherwise sit unsynced (that bound keeps a torn tail
   * distinguishable from damage).
   */
  BATCH
}
