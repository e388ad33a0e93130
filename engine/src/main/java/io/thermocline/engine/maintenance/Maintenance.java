package io.thermocline.engine.maintenance;

import io.thermocline.coldstore.ColdTableStats;
import io.thermocline.coldstore.CompactionResult;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.hotstore.MergeResult;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Hot delta merges and cold compactions for every table of a database, with the oldest live
 * snapshot read just before each one. A pass merges a hot partition whose delta reached {@code
 * hot.merge.delta.rows} and compacts a cold table whose delta rows plus tombstones reached {@code
 * engine.cold.compaction.changes} or whose live files reached {@code engine.cold.compaction.files};
 * a forced pass ({@link #runOnce(boolean)} with {@code true}) does every table with anything to do.
 * A failure is counted and kept ({@link #lastFailure()}); the table is tried again next pass.
 *
 * <p>Concurrency: one background thread (when enabled) plus callers of {@link #runOnce}; passes are
 * serialized by a lock. {@link #close()} stops the thread after its current pass.
 */
public final class Maintenance implements AutoCloseable {
  private final Supplier<Collection<HybridTable>> tables;
  private final LongSupplier oldestLive;
  private final long hotThreshold;
  private final long coldChanges;
  private final int coldFiles;
  private final long intervalNanos;
  private final ReentrantLock passLock = new ReentrantLock();
  private final ReentrantLock waitLock = new ReentrantLock();
  private final Condition wake = waitLock.newCondition();
  private final AtomicLong merges = new AtomicLong();
  private final AtomicLong compactions = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();
  private final Thread thread;
  private final Runnable afterPass;
  private volatile boolean closed;

  public Maintenance(
      Supplier<Collection<HybridTable>> tables, LongSupplier oldestLive, MaintenancePolicy policy) {
    this(tables, oldestLive, policy, () -> {});
  }

  /**
   * @param afterPass runs after each background pass (the database's checkpoint when due); its
   *     failures are counted like a failed merge
   */
  public Maintenance(
      Supplier<Collection<HybridTable>> tables,
      LongSupplier oldestLive,
      MaintenancePolicy policy,
      Runnable afterPass) {
    this.afterPass = afterPass;
    this.tables = tables;
    this.oldestLive = oldestLive;
    this.hotThreshold = policy.hotDeltaRows();
    this.coldChanges = policy.coldChanges();
    this.coldFiles = policy.coldFiles();
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(policy.intervalMillis());
    if (policy.background()) {
      thread = new Thread(this::loop, "thermo-maintenance");
      thread.setDaemon(true);
      thread.start();
    } else {
      thread = null;
    }
  }

  /** One pass over all tables; {@code force} ignores the thresholds. */
  public MaintenanceReport runOnce(boolean force) {
    passLock.lock();
    try {
      int hot = 0;
      long dropped = 0;
      int cold = 0;
      int failed = 0;
      for (HybridTable t : tables.get()) {
        if (closed) {
          break;
        }
        try {
          if (t.hotDeltaRows() > 0 && (force || t.hotDeltaRows() >= hotThreshold)) {
            MergeResult r = t.mergeHot(oldestLive.getAsLong());
            if (r != null && r.merged()) {
              hot++;
              dropped += r.droppedRows();
              merges.incrementAndGet();
            }
          }
          ColdTableStats s = t.coldStats();
          if (s != null
              && (force
                  || s.deltaRows() + s.tombstones() >= coldChanges
                  || s.liveFiles() >= coldFiles)) {
            CompactionResult r = t.compactCold(oldestLive.getAsLong());
            if (r != null && r.changedAnything()) {
              cold++;
              compactions.incrementAndGet();
            }
          }
        } catch (RuntimeException e) {
          if (!t.isRetired()) {
            failed++;
            failures.incrementAndGet();
            lastFailure.set(e);
          }
        }
      }
      return new MaintenanceReport(hot, dropped, cold, failed);
    } finally {
      passLock.unlock();
    }
  }

  public long mergeCount() {
    return merges.get();
  }

  public long compactionCount() {
    return compactions.get();
  }

  public long failureCount() {
    return failures.get();
  }

  /** The last failure of any pass, or null. */
  public Throwable lastFailure() {
    return lastFailure.get();
  }

  private void loop() {
    while (!closed) {
      runOnce(false);
      try {
        afterPass.run();
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        lastFailure.set(e);
      }
      waitLock.lock();
      try {
        long left = intervalNanos;
        while (!closed && left > 0) {
          left = wake.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        waitLock.unlock();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    waitLock.lock();
    try {
      wake.signalAll();
    } finally {
      waitLock.unlock();
    }
    if (thread != null) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
