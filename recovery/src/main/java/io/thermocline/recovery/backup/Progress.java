package io.thermocline.recovery.backup;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes done of a known total, shared by the copying threads of one operation; reports to a {@link
 * ProgressListener} at most every {@link #STEP} bytes and once at the end, under this object's
 * monitor so the listener sees one call at a time and non-decreasing counts.
 */
public final class Progress {
  /** Report granularity: often enough for a progress bar, rare enough to cost nothing. */
  public static final long STEP = 8L << 20;

  private final ProgressListener listener;
  private final AtomicLong done = new AtomicLong();
  private volatile long total;
  private long reported = -1;
  private volatile boolean cancelled;

  public Progress(ProgressListener listener, long total) {
    this.listener = listener == null ? ProgressListener.NONE : listener;
    this.total = total;
  }

  /** Raises the total when more work was found (never below what is done). */
  public void addTotal(long bytes) {
    synchronized (this) {
      total += bytes;
    }
  }

  /** Makes every later {@link #advance} throw: the other copies of a failed operation stop. */
  public void cancel() {
    cancelled = true;
  }

  /** Counts {@code bytes} more as done. */
  public void advance(long bytes) {
    if (cancelled) {
      throw new java.util.concurrent.CancellationException("cancelled: another copy failed");
    }
    long now = done.addAndGet(bytes);
    report(false);
  }

  /** Reports the final count. */
  public void finish() {
    report(true);
  }

  public long done() {
    return done.get();
  }

  public long total() {
    return total;
  }

  public ProgressListener listener() {
    return listener;
  }

  private synchronized void report(boolean always) {
    long now = done.get();
    if (always || now - reported >= STEP) {
      if (now > reported || always) {
        reported = now;
        listener.progress(now, Math.max(total, now));
      }
    }
  }
}
