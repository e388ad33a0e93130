/**
 * Durability of Thermocline: the write-ahead log ({@code wal}) and checksummed checkpoint files
 * ({@code checkpoint}); backups and point-in-time recovery build on them. Knows nothing of the hot
 * or cold store's internals and touches files only through {@link io.thermocline.common.io.FileIO}.
 */
package io.thermocline.recovery;
