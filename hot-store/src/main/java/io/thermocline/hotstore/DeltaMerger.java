package io.thermocline.hotstore;

import io.thermocline.common.config.Config;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Background delta merges: {@code hot.merge.threads} daemon threads look at the registered
 * partitions every {@code hot.merge.check.interval.ms} (or at once after {@link #nudge()}) and
 * merge each whose delta holds at least {@code hot.merge.delta.rows} rows, with the oldest live
 * snapshot taken from the supplier just before the merge. A partition is merged by one thread at a
 * time. A failed merge is counted and remembered ({@link #lastFailure()}); the partition is
 * unchanged and is tried again at the next check.
 *
 * <p>Thread-safe. {@link #close()} stops the threads after their current merge.
 */
public final class DeltaMerger implements AutoCloseable {
  private final long thresholdRows;
  private final long intervalNanos;
  private final LongSupplier oldestLiveSnapshot;
  private final List<ColumnPartition> partitions = new CopyOnWriteArrayList<>();
  private final Set<ColumnPartition> busy = ConcurrentHashMap.newKeySet();
  private final Thread[] threads;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final AtomicLong merges = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();
  private long nudges;
  private volatile boolean closed;

  public DeltaMerger(Config config, LongSupplier oldestLiveSnapshot) {
    this.thresholdRows = config.get(HotStoreSettings.MERGE_DELTA_ROWS);
    this.intervalNanos =
        TimeUnit.MILLISECONDS.toNanos(config.get(HotStoreSettings.MERGE_CHECK_INTERVAL_MS));
    this.oldestLiveSnapshot = oldestLiveSnapshot;
    this.threads = new Thread[config.get(HotStoreSettings.MERGE_THREADS)];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(this::loop, "thermo-delta-merger-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
  }

  public void register(ColumnPartition partition) {
    partitions.add(partition);
  }

  public void unregister(ColumnPartition partition) {
    partitions.remove(partition);
  }

  /** Asks the threads to look at the partitions now instead of at the next interval. */
  public void nudge() {
    lock.lock();
    try {
      nudges++;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Merges completed so far. */
  public long mergeCount() {
    return merges.get();
  }

  public long failureCount() {
    return failures.get();
  }

  public Throwable lastFailure() {
    return lastFailure.get();
  }

  private void loop() {
    long seen = -1;
    while (!closed) {
      boolean worked = false;
      for (ColumnPartition p : partitions) {
        if (closed) {
          return;
        }
        if (p.isClosed() || p.deltaRowCount() < thresholdRows || !busy.add(p)) {
          continue;
        }
        try {
          if (p.mergeDelta(oldestLiveSnapshot.getAsLong()).merged()) {
            merges.incrementAndGet();
            worked = true;
          }
        } catch (RuntimeException e) {
          if (!p.isClosed()) {
            failures.incrementAndGet();
            lastFailure.set(e);
          }
        } finally {
          busy.remove(p);
        }
      }
      if (!worked) {
        seen = await(seen);
      }
    }
  }

  /** Waits for the interval or a nudge after {@code seen}; returns the nudge count now. */
  private long await(long seen) {
    lock.lock();
    try {
      long left = intervalNanos;
      while (!closed && nudges == seen && left > 0) {
        left = wake.awaitNanos(left);
      }
      return nudges;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
      return nudges;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    closed = true;
    lock.lock();
    try {
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
