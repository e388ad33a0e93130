package io.thermocline.recovery.wal;

/**
 * Decides whether {@link WriteAheadLog#truncateBefore} may delete a sealed segment; log backups
 * keep segments until they have copied them. Segments are offered oldest first and deletion stops
 * at the first kept one, so the log never has a hole. Called on the truncating thread;
 * implementations must be thread-safe if several threads truncate.
 */
@FunctionalInterface
public interface SegmentRetention {
  /** Deletes every segment wholly before the truncation point. */
  SegmentRetention NONE = segment -> false;

  /** Whether {@code segment} must be kept although a checkpoint no longer needs it. */
  boolean keep(WalSegment segment);
}
