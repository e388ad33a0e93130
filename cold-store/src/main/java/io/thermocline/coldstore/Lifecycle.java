package io.thermocline.coldstore;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps native handles alive while they are used: every operation (and every cursor step) holds a
 * shared lease; {@link #closeWith} takes the exclusive side, so RocksDB is never closed under a
 * running call, and calls after close fail cleanly instead of touching freed memory. Thread-safe.
 */
final class Lifecycle {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String what;
  private boolean closed;

  Lifecycle(String what) {
    this.what = what;
  }

  /** A shared lease; close it (try-with-resources) when the operation ends. */
  Lease enter() {
    lock.readLock().lock();
    if (closed) {
      lock.readLock().unlock();
      throw new ThermoException(ErrorCode.COLD_TIER_UNAVAILABLE, what + " is closed");
    }
    return lock.readLock()::unlock;
  }

  boolean isClosed() {
    return closed;
  }

  /** Runs {@code closer} once, exclusively; later calls do nothing. */
  void closeWith(Runnable closer) {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closer.run();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** An entered lease. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }
}
