package io.thermocline.engine.txn;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * Global commit ids and the commit lock. Every commit (transaction, move, DDL) runs under the lock
 * as a {@link Commit}: it gets the next id, applies its changes to the tiers, and {@link
 * Commit#publish}es; only then does {@link #lastCommitted()} (a volatile read, what new snapshots
 * use) move to its id, so a reader never sees a half-applied commit. A commit that is closed
 * without publishing leaves a gap: its id is never used again.
 *
 * <p>Ids survive a reopen through reservations: before handing out an id above the reserved bound,
 * the clock persists a new bound {@code block} ids higher ({@code reserve}), and a reopened clock
 * starts above the last bound, so ids are unique and increasing across restarts.
 *
 * <p>Concurrency: a non-fair {@link ReentrantLock}; {@link #lastCommitted()} is lock-free.
 */
public final class CommitClock {
  private final ReentrantLock lock = new ReentrantLock(false);
  private final LongConsumer reserve;
  private final long block;
  private volatile long lastCommitted;
  private long next;
  private long reserved;

  /**
   * A clock continuing after {@code reservedUpTo} (every id up to it may be in use); {@code
   * reserve} persists a new upper bound.
   */
  public CommitClock(long reservedUpTo, LongConsumer reserve, long block) {
    if (block < 1) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, "reservation block " + block);
    }
    this.reserve = reserve;
    this.block = block;
    this.lastCommitted = reservedUpTo;
    this.reserved = reservedUpTo;
    this.next = reservedUpTo + 1;
  }

  /**
   * A clock whose ids continue right after {@code lastUsed}, with no reservations: the write-ahead
   * log records every id used, so a restart knows the last one exactly.
   */
  public static CommitClock continuingAfter(long lastUsed) {
    return new CommitClock(lastUsed, upTo -> {}, Long.MAX_VALUE / 4);
  }

  /** The newest published commit id: the snapshot a new reader reads. */
  public long lastCommitted() {
    return lastCommitted;
  }

  /** Takes the commit lock and the next id; close the commit to release the lock. */
  public Commit begin() {
    lock.lock();
    try {
      if (next > reserved) {
        long upTo = next + block - 1;
        reserve.accept(upTo);
        reserved = upTo;
      }
      return new Commit(next++);
    } catch (RuntimeException | Error e) {
      lock.unlock();
      throw e;
    }
  }

  /**
   * Runs {@code action} under the commit lock without taking an id: no commit is in progress, so
   * the published state and the log agree (a checkpoint picks its commit id and LSN this way).
   */
  public <T> T whileLocked(java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the calling thread holds the commit lock. */
  public boolean isHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  /** One commit in progress, holding the commit lock. Used by one thread. */
  public final class Commit implements AutoCloseable {
    private final long cid;
    private boolean published;
    private boolean closed;

    private Commit(long cid) {
      this.cid = cid;
    }

    public long cid() {
      return cid;
    }

    /** Makes the commit visible to new snapshots; call after every tier applied it. */
    public void publish() {
      if (closed || published) {
        throw new ThermoException(ErrorCode.INTERNAL, "commit " + cid + " published twice");
      }
      published = true;
      lastCommitted = cid;
    }

    public boolean isPublished() {
      return published;
    }

    /** Releases the commit lock; an unpublished id becomes a gap. */
    @Override
    public void close() {
      if (!closed) {
        closed = true;
        lock.unlock();
      }
    }
  }
}
