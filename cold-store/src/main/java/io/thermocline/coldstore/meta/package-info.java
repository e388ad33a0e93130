/**
 * The cold tier's RocksDB: the instance, its column families, read views and the versioned binary
 * layouts of every key and value. Holds no Parquet or file-system logic.
 */
package io.thermocline.coldstore.meta;
