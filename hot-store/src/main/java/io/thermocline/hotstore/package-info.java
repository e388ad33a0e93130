/**
 * The hot tier: in-memory column partitions with a dictionary-encoded main and an append-only
 * delta, delta merge, MVCC and vectorized scans. Knows nothing of the cold tier or recovery.
 */
package io.thermocline.hotstore;
