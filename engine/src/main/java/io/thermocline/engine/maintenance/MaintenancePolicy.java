package io.thermocline.engine.maintenance;

/**
 * When maintenance runs: the hot delta rows that trigger a merge, the cold delta rows plus
 * tombstones or live files that trigger a compaction, the background interval, and whether the
 * background thread runs at all. Immutable.
 */
public record MaintenancePolicy(
    long hotDeltaRows, long coldChanges, int coldFiles, long intervalMillis, boolean background) {}
