package io.thermocline.common.scan;

import io.thermocline.common.schema.Schema;

/**
 * The scan contract every tier (hot partitions, cold files, series blocks) implements and the
 * engine unions: snapshot reads with projection and filter, and partial aggregates computed inside
 * the tier. Implementations state their own concurrency model; all must allow concurrent scans.
 */
public interface TierScan {
  Schema schema();

  /** Visible rows at {@code request.snapshot()} that pass the filter, in batches. */
  BatchCursor scan(ScanRequest request);

  /** Aggregates over the rows {@link #scan} would return, without materializing them. */
  AggregateResult aggregate(ScanRequest request, AggregateSpec spec);
}
