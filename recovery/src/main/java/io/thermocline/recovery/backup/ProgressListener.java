package io.thermocline.recovery.backup;

/**
 * Progress of a backup, verify or restore, for the CLI and SQL. Calls come from the copying
 * threads; {@link BackupWriter} and the other callers serialize them, so an implementation needs no
 * locking of its own, but must be quick (it runs between copied chunks).
 */
public interface ProgressListener {
  /** Ignores progress. */
  ProgressListener NONE = (done, total) -> {};

  /** {@code bytesDone} of {@code bytesTotal} bytes were copied or hashed so far. */
  void progress(long bytesDone, long bytesTotal);

  /**
   * The image a backup copies is fixed at {@code commitId} and held (its snapshot is registered)
   * until the backup ends. Called once per backup, before the copying starts.
   */
  default void imageTaken(long commitId) {}
}
