/**
 * Parquet on a Hadoop FileSystem: the type mapping, the low-level file writer, the column reader
 * with push-down, footer and column-chunk checksums and import of foreign files. Must not touch
 * RocksDB or decide visibility.
 */
package io.thermocline.coldstore.parquet;
