/**
 * Commit ids, snapshots and transactions across tiers: the commit clock and lock, the registry of
 * live snapshots, buffered write sets with read-your-writes overlays, primary-key sets and the
 * committer. Knows tables only through {@code HybridTable}; never touches files directly.
 */
package io.thermocline.engine.txn;
