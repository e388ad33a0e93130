package io.thermocline.recovery.wal;

/**
 * A sealed segment offered to a {@link SegmentRetention} before deletion. Immutable.
 *
 * @param path the segment file
 * @param firstLsn LSN of its first record
 * @param lastLsn LSN of its last record (below {@code firstLsn} if it holds none)
 */
public record WalSegment(String path, long firstLsn, long lastLsn) {}
