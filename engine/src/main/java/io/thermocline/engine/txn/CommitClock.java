package io.thermocline.engine.txn;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * Global commit ids, the commit lock and the order of publication. Every commit (transaction, move,
 * DDL) begins under the lock as a {@link Commit}: it gets the next id and applies its changes to
 * the tiers. It then either {@link Commit#publish}es under the lock, or (group commit) {@link
 * Commit#unlock}s first, so that the next commit can apply its changes while this one waits for its
 * log records to become durable, and publishes afterwards. Either way publication is in id order:
 * {@link #lastCommitted()} (a volatile read, what new snapshots use) moves to an id only once every
 * lower id is published or a gap, so a reader never sees a commit without every earlier one, nor a
 * half-applied commit. A commit closed under the lock without publishing leaves a gap (its id is
 * never used again); one closed unpublished after it unlocked has changes no one can undo, so it
 * {@linkplain #failure() fails} the clock: nothing after it is published again and {@link
 * #beginExclusive}/{@link #whileLocked} refuse to run until the database reopens.
 *
 * <p>A commit that holds the lock sees the effects of unlocked, unpublished commits (they are in
 * the tiers and the key sets), which is what conflict and key checks need; work that needs the
 * published state to equal the applied one (moves, DDL, checkpoints, backups) uses {@link
 * #beginExclusive} or {@link #whileLocked}, which first wait under the lock until every unlocked
 * commit is published.
 *
 * <p>Ids survive a reopen through reservations: before handing out an id above the reserved bound,
 * the clock persists a new bound {@code block} ids higher ({@code reserve}), and a reopened clock
 * starts above the last bound, so ids are unique and increasing across restarts.
 *
 * <p>Concurrency: a non-fair {@link ReentrantLock} for ids and tier changes; publication under this
 * object's {@code order} monitor, which is never held while taking the lock; {@link
 * #lastCommitted()} is lock-free.
 */
public final class CommitClock {
  private final ReentrantLock lock = new ReentrantLock(false);
  private final LongConsumer reserve;
  private final long block;
  private volatile long lastCommitted;
  private long next;
  private long reserved;

  /** Guards the fields below; waiters for publication wait on it. */
  private final Object order = new Object();

  /** Every id up to it is published or a gap. */
  private long settledUpTo;

  /** Ids above {@link #settledUpTo} already settled: true published, false a gap. */
  private final Map<Long, Boolean> settledAhead = new HashMap<>();

  /** Why the lowest commit that unlocked and then failed did not publish, or null. */
  private ThermoException failure;

  /** That commit's id (MAX_VALUE: none): publication never passes it. */
  private long failedCid = Long.MAX_VALUE;

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
    this.settledUpTo = reservedUpTo;
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

  /**
   * Takes the commit lock and the next id; close the commit to release the lock. Unlocked commits
   * may still be waiting to publish.
   */
  public Commit begin() {
    lock.lock();
    try {
      return newCommit();
    } catch (RuntimeException | Error e) {
      lock.unlock();
      throw e;
    }
  }

  /**
   * Takes the commit lock, waits until every earlier commit is published (or a gap), and takes the
   * next id: the published state then equals the applied one, for a commit that reads at {@link
   * #lastCommitted()} (moves, DDL).
   *
   * @throws ThermoException if an unlocked commit failed (see {@link #failure()})
   */
  public Commit beginExclusive() {
    lock.lock();
    try {
      awaitAllSettled();
      return newCommit();
    } catch (RuntimeException | Error e) {
      lock.unlock();
      throw e;
    }
  }

  private Commit newCommit() {
    if (next > reserved) {
      long upTo = next + block - 1;
      reserve.accept(upTo);
      reserved = upTo;
    }
    return new Commit(next++);
  }

  /**
   * Runs {@code action} under the commit lock without taking an id, after every unlocked commit
   * published: no commit is in progress, so the published state and the log agree (a checkpoint or
   * a backup picks its commit id and LSN this way).
   *
   * @throws ThermoException if an unlocked commit failed (see {@link #failure()})
   */
  public <T> T whileLocked(java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      awaitAllSettled();
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the calling thread holds the commit lock. */
  public boolean isHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  /** Why publication stopped (a commit failed after it unlocked), or null. */
  public ThermoException failure() {
    synchronized (order) {
      return failure;
    }
  }

  /** Under the lock: waits until every id handed out is published or a gap. */
  private void awaitAllSettled() {
    awaitSettled(next - 1);
  }

  /**
   * Waits until every id up to {@code upTo} is published or a gap; throws if a failed id at or
   * below it stops publication (ids below a failed one still publish). Not interruptible: a commit
   * cannot be abandoned half-way (the interrupt is kept).
   */
  private void awaitSettled(long upTo) {
    boolean interrupted = false;
    try {
      synchronized (order) {
        while (settledUpTo < upTo) {
          if (failedCid <= upTo) {
            throw new ThermoException(failure.code(), failure.getMessage(), failure);
          }
          try {
            order.wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Records the outcome of {@code cid} and publishes every id it completes, in order. */
  private void settle(long cid, boolean published) {
    synchronized (order) {
      settledAhead.put(cid, published);
      // A failed id is never settled, so publication stops right before it.
      Boolean p;
      long newest = -1;
      while ((p = settledAhead.remove(settledUpTo + 1)) != null) {
        settledUpTo++;
        if (p) {
          newest = settledUpTo;
        }
      }
      if (newest >= 0) {
        lastCommitted = newest;
      }
      order.notifyAll();
    }
  }

  private void fail(long cid, Throwable cause) {
    synchronized (order) {
      if (cid < failedCid) {
        // The lowest failed id is where publication stops: waiters below it still finish.
        failedCid = cid;
        failure =
            new ThermoException(
                cause instanceof ThermoException te ? te.code() : ErrorCode.INTERNAL,
                "commit "
                    + cid
                    + " failed after it applied its changes and is not visible; nothing after it"
                    + " is published until the database is reopened: "
                    + cause.getMessage(),
                cause);
      }
      order.notifyAll();
    }
  }

  /** One commit in progress, holding the commit lock until it unlocks or closes. One thread. */
  public final class Commit implements AutoCloseable {
    private final long cid;
    private boolean locked = true;
    private boolean settled;
    private boolean published;

    private Commit(long cid) {
      this.cid = cid;
    }

    public long cid() {
      return cid;
    }

    /**
     * Releases the commit lock while keeping the id unpublished: the next commit may begin. From
     * now on this commit can no longer be undone: it must {@link #publish}, or {@link #close} fails
     * the clock.
     */
    public void unlock() {
      if (locked) {
        locked = false;
        lock.unlock();
      }
    }

    /**
     * Makes the commit visible to new snapshots once every earlier id is published or a gap (it
     * waits for them); call after every tier applied it and its log records are acknowledged.
     *
     * @throws ThermoException if an earlier commit failed after it unlocked: this one then never
     *     becomes visible
     */
    public void publish() {
      if (settled) {
        throw new ThermoException(ErrorCode.INTERNAL, "commit " + cid + " published twice");
      }
      settled = true;
      settle(cid, true);
      awaitSettled(cid);
      published = true;
    }

    public boolean isPublished() {
      return published;
    }

    /**
     * Releases the commit lock if still held. An unpublished id becomes a gap if the lock is still
     * held (the caller undid its changes), and fails the clock otherwise.
     */
    @Override
    public void close() {
      if (!settled) {
        settled = true;
        if (locked) {
          settle(cid, false);
        } else {
          CommitClock.this.fail(
              cid, new ThermoException(ErrorCode.INTERNAL, "it was closed unpublished"));
        }
      }
      unlock();
    }

    /**
     * Closes the commit as failed after it unlocked ({@code cause}: why its records may not be
     * durable); nothing after it is published.
     */
    public void fail(Throwable cause) {
      if (!settled) {
        settled = true;
        CommitClock.this.fail(cid, cause);
      }
      unlock();
    }
  }
}
