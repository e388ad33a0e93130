package io.thermocline.recovery.wal;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where committers meet the flusher. One lock guards LSN assignment, the queue of records not yet
 * written and the acknowledged/durable watermarks, so queue order is LSN order. Committers enqueue
 * and wait on {@code acknowledged}; the single flusher drains whole groups and publishes
 * watermarks, waking every waiter whose LSN they cover.
 */
final class CommitQueue {
  /** A record waiting for the flusher. */
  record Pending(long lsn, long txn, int type, byte[] payload) {
    int frameLength() {
      return RecordFrame.frameLength(payload.length);
    }
  }

  /** Why {@link #drain} returned. */
  enum Drained {
    RECORDS,
    TIMEOUT,
    CLOSED
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition acknowledged = lock.newCondition();
  private final Condition space = lock.newCondition();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final long maxPendingBytes;
  private final String logName;
  private long pendingBytes;
  private long nextLsn;
  private long acknowledgedLsn;
  private long durableLsn;
  private ThermoException failure;
  private boolean closing;

  CommitQueue(String logName, long nextLsn, long maxPendingBytes) {
    this.logName = logName;
    this.nextLsn = nextLsn;
    this.acknowledgedLsn = nextLsn - 1;
    this.durableLsn = nextLsn - 1;
    this.maxPendingBytes = maxPendingBytes;
  }

  /** Assigns the next LSN and queues the record; blocks while too many bytes are queued. */
  long enqueue(long txn, int type, byte[] payload) {
    int frame = RecordFrame.frameLength(payload.length);
    lock.lock();
    try {
      while (true) {
        checkUsable();
        // An oversized record still goes in once the queue is empty, or it could never be written.
        if (pendingBytes == 0 || pendingBytes + frame <= maxPendingBytes) {
          break;
        }
        space.awaitUninterruptibly();
      }
      long lsn = nextLsn++;
      pending.addLast(new Pending(lsn, txn, type, payload));
      pendingBytes += frame;
      work.signal();
      return lsn;
    } finally {
      lock.unlock();
    }
  }

  /** Blocks until {@code lsn} is acknowledged; throws the log's failure if it never will be. */
  void awaitAcknowledged(long lsn) {
    lock.lock();
    try {
      if (lsn >= nextLsn) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "LSN " + lsn + " was never appended to " + logName + " (next is " + nextLsn + ")");
      }
      while (acknowledgedLsn < lsn) {
        if (failure != null) {
          throw failed(lsn);
        }
        acknowledged.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Flusher side: waits for records (at most {@code timeoutNanos}; forever if negative) and moves a
   * group of at most {@code maxBytes} (at least one record) into {@code group}.
   */
  Drained drain(List<Pending> group, long maxBytes, long timeoutNanos) {
    lock.lock();
    try {
      long wait = timeoutNanos;
      while (pending.isEmpty()) {
        if (closing) {
          return Drained.CLOSED;
        }
        if (timeoutNanos < 0) {
          work.awaitUninterruptibly();
        } else if (wait <= 0) {
          return Drained.TIMEOUT;
        } else {
          try {
            wait = work.awaitNanos(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Drained.TIMEOUT;
          }
        }
      }
      long bytes = 0;
      while (!pending.isEmpty()) {
        int frame = pending.peekFirst().frameLength();
        if (!group.isEmpty() && bytes + frame > maxBytes) {
          break;
        }
        group.add(pending.pollFirst());
        bytes += frame;
      }
      pendingBytes -= bytes;
      space.signalAll();
      return Drained.RECORDS;
    } finally {
      lock.unlock();
    }
  }

  /** Flusher side: raises the watermarks and wakes the committers they cover. */
  void publish(long acknowledged, long durable) {
    lock.lock();
    try {
      acknowledgedLsn = Math.max(acknowledgedLsn, acknowledged);
      durableLsn = Math.max(durableLsn, durable);
      this.acknowledged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Flusher side: the log can no longer write. Records not yet acknowledged never will be: their
   * committers and every later append get {@code cause}.
   */
  void fail(ThermoException cause) {
    lock.lock();
    try {
      if (failure == null) {
        failure = cause;
      }
      pending.clear();
      pendingBytes = 0;
      acknowledged.signalAll();
      space.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new appends; the flusher still writes what is queued, then sees CLOSED. */
  void close() {
    lock.lock();
    try {
      closing = true;
      work.signal();
      space.signalAll();
    } finally {
      lock.unlock();
    }
  }

  long acknowledgedLsn() {
    lock.lock();
    try {
      return acknowledgedLsn;
    } finally {
      lock.unlock();
    }
  }

  long durableLsn() {
    lock.lock();
    try {
      return durableLsn;
    } finally {
      lock.unlock();
    }
  }

  long nextLsn() {
    lock.lock();
    try {
      return nextLsn;
    } finally {
      lock.unlock();
    }
  }

  ThermoException failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  private void checkUsable() {
    if (failure != null) {
      throw failed(nextLsn);
    }
    if (closing) {
      throw new ThermoException(ErrorCode.INTERNAL, logName + " is closed");
    }
  }

  private ThermoException failed(long lsn) {
    return new ThermoException(
        failure.code(),
        "LSN " + lsn + " of " + logName + " was not made durable: " + failure.getMessage(),
        failure);
  }
}
