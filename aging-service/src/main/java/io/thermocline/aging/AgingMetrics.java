package io.thermocline.aging;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters of the service for the metrics endpoint: runs, failed runs, rows moved each way, the
 * last run's duration and the last error. Thread-safe (atomics; a reader may see counters of
 * different moments).
 */
public final class AgingMetrics {
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong failedRuns = new AtomicLong();
  private final AtomicLong rowsToCold = new AtomicLong();
  private final AtomicLong rowsToHot = new AtomicLong();
  private final AtomicLong lastDurationMillis = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  void record(AgingRun run) {
    runs.incrementAndGet();
    rowsToCold.addAndGet(run.rowsToCold());
    rowsToHot.addAndGet(run.rowsToHot());
    lastDurationMillis.set(run.end().toEpochMilli() - run.start().toEpochMilli());
    if (run.status() == AgingRun.Status.FAILED) {
      failedRuns.incrementAndGet();
      lastError.set(run.table() + ": " + run.error());
    }
  }

  public long runs() {
    return runs.get();
  }

  public long failedRuns() {
    return failedRuns.get();
  }

  public long rowsToCold() {
    return rowsToCold.get();
  }

  public long rowsToHot() {
    return rowsToHot.get();
  }

  public long lastDurationMillis() {
    return lastDurationMillis.get();
  }

  /** The newest failure as "table: message", or null when no run failed. */
  public String lastError() {
    return lastError.get();
  }
}
