package io.thermocline.recovery.wal;

/**
 * Counters of a log since it was opened, read without locking (each value is current, the set is
 * not one atomic snapshot). Immutable.
 *
 * @param records records written
 * @param bytes bytes of records written
 * @param writeGroups group writes (one write call for many committers' records)
 * @param fsyncs fsyncs of segment files
 * @param acknowledgedLsn highest LSN acknowledged to committers
 * @param durableLsn highest LSN known to be on stable storage
 */
public record WalStats(
    long records,
    long bytes,
    long writeGroups,
    long fsyncs,
    long acknowledgedLsn,
    long durableLsn) {}
