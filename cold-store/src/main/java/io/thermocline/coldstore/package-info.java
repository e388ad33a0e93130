/**
 * The cold tier: Parquet files on any Hadoop FileSystem plus one RocksDB (manifest, cold delta,
 * tombstones, catalog), snapshot scans and compaction; {@link io.thermocline.coldstore.ColdStore}
 * is the entry point. Must not know the hot store or the engine, nor assume a local root path.
 */
package io.thermocline.coldstore;
