/**
 * Parquet files on a Hadoop FileSystem plus RocksDB: manifest, cold delta, tombstones.
 *
 * <p>Placeholder until its issue fills it; see DESIGN.md section 1 for what this module owns.
 */
package io.thermocline.coldstore;
