/**
 * Columnar work on batches for cold scans: predicate shaping, vectorized filtering, statistics
 * pruning, aggregation, sorting and row copying. Pure computation; no I/O and no RocksDB.
 */
package io.thermocline.coldstore.scan;
