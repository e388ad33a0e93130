package io.thermocline.testkit.scan;

import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.TierScan;
import io.thermocline.common.schema.Schema;
import java.util.List;

/**
 * What a conformance test needs from one tier implementation: a scan to test, and a way to write
 * committed rows into it. The test assigns commit ids in increasing order and calls write methods
 * from one thread at a time (the engine's single-committer model); scans may run concurrently.
 */
public interface TierFixture extends AutoCloseable {
  Schema schema();

  /** The scan under test. */
  TierScan tier();

  /** Appends rows (storage values, schema order) committed at {@code cid}. */
  void insert(long cid, List<Object[]> storageRows);

  /**
   * Ends (deletes) the rows visible at {@code snapshot} that match {@code filter}, committed at
   * {@code cid}; returns how many.
   */
  long delete(long cid, long snapshot, Expr filter);

  /**
   * Runs the tier's background maintenance once, synchronously (hot: delta merge; cold:
   * compaction), with the given oldest live snapshot. Must not change what any snapshot at or after
   * it sees.
   */
  default void maintain(long oldestLiveSnapshot) {}

  @Override
  default void close() {}
}
