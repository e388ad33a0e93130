package io.thermocline.engine.maintenance;

/**
 * What one maintenance pass did: hot delta merges run and row versions they dropped, cold
 * compactions that changed something, and failures (the last one is kept by {@link Maintenance}).
 * Immutable.
 */
public record MaintenanceReport(
    int hotMerges, long hotVersionsDropped, int coldCompactions, int failures) {}
