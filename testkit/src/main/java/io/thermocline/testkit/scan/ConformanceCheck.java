package io.thermocline.testkit.scan;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.scan.TierScan;
import io.thermocline.testkit.model.ReferenceTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one scan or aggregate against the tier under test and the reference table and asserts that
 * both agree; every failure message carries the seed and the full request. Safe to use from several
 * threads as long as the tier allows concurrent scans.
 */
public final class ConformanceCheck {
  private final TierScan tier;
  private final ReferenceTable reference;
  private final long seed;
  private final AtomicLong scans = new AtomicLong();
  private final AtomicLong emptyScans = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong aggregates = new AtomicLong();

  public ConformanceCheck(TierScan tier, ReferenceTable reference, long seed) {
    this.tier = tier;
    this.reference = reference;
    this.seed = seed;
  }

  /** Asserts the tier returns the reference's rows for {@code request}; returns them. */
  public List<Object[]> scan(ScanRequest request) {
    String context = context(request);
    List<Object[]> expected = reference.scan(request);
    List<Object[]> actual;
    try {
      actual = drain(tier.scan(request), request, context);
    } catch (RuntimeException e) {
      throw new AssertionError(context + ": the tier failed: " + e, e);
    }
    RowAssert.assertSameRows(context, expected, actual);
    scans.incrementAndGet();
    rows.addAndGet(actual.size());
    if (actual.isEmpty()) {
      emptyScans.incrementAndGet();
    }
    return actual;
  }

  /** Asserts the tier's aggregate for {@code request} and {@code spec} equals the reference's. */
  public void aggregate(ScanRequest request, AggregateSpec spec) {
    String context = context(request);
    List<Object[]> expected = reference.aggregate(request, spec).rows();
    List<Object[]> actual;
    try {
      actual = tier.aggregate(request, spec).rows();
    } catch (RuntimeException e) {
      throw new AssertionError(context + " " + spec + ": the tier failed: " + e, e);
    }
    RowAssert.assertSameAggregates(context, spec, expected, actual);
    aggregates.incrementAndGet();
  }

  /** What was checked so far, for the test log. */
  public String summary() {
    return scans
        + " scans ("
        + emptyScans
        + " empty, "
        + rows
        + " rows compared), "
        + aggregates
        + " aggregates";
  }

  /** The message prefix naming the seed and the request. */
  public String context(ScanRequest r) {
    return "[seed="
        + seed
        + ", replay with -Dthermo.seed="
        + seed
        + "] snapshot="
        + r.snapshot()
        + " projection="
        + r.projection()
        + " filter="
        + r.filter()
        + " batchSize="
        + r.batchSize();
  }

  /** Drains a cursor, checking that every batch is non-empty and has the projected columns. */
  public List<Object[]> drain(BatchCursor cursor, ScanRequest request, String context) {
    List<String> names =
        request.projection() == null ? tier.schema().names() : request.projection();
    List<Object[]> rows = new ArrayList<>();
    try (cursor) {
      for (ColumnBatch b = cursor.next(); b != null; b = cursor.next()) {
        checkBatch(b, names, context);
        rows.addAll(b.rows());
      }
    }
    return rows;
  }

  private static void checkBatch(ColumnBatch b, List<String> names, String context) {
    if (b.rowCount() == 0) {
      throw new AssertionError(context + ": the cursor returned an empty batch");
    }
    if (!b.schema().names().equals(names)) {
      throw new AssertionError(
          context + ": batch columns " + b.schema().names() + ", expected " + names);
    }
  }
}
