package io.thermocline.coldstore;

/**
 * The physical state of one table's cold tier right now (not at a snapshot): live and retired
 * files, rows and bytes in live files, bytes of all files still on disk, trickle rows in the cold
 * delta (including ended ones not yet compacted away) and tombstones.
 */
public record ColdTableStats(
    int liveFiles,
    int retiredFiles,
    long fileRows,
    long liveBytes,
    long bytesOnDisk,
    long deltaRows,
    long tombstones) {}
