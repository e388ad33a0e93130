package io.thermocline.hotstore;

import java.util.TreeMap;

/**
 * The test's stand-in for the engine's snapshot manager: commit ids are published after their write
 * returns, readers register the snapshot they read at, and the oldest live snapshot (what a merge
 * may collapse up to) is the smallest registered one, or the last published commit. Thread-safe
 * (one monitor).
 */
final class SnapshotRegistry {
  private final TreeMap<Long, Integer> live = new TreeMap<>();
  private long published;
  private long floor;

  synchronized void publish(long cid) {
    published = Math.max(published, cid);
  }

  synchronized long published() {
    return published;
  }

  /** Registers and returns a snapshot in {@code [floor, published]} chosen by {@code pick}. */
  synchronized long open(java.util.function.LongBinaryOperator pick) {
    long s = Math.max(floor, Math.min(published, pick.applyAsLong(floor, published)));
    live.merge(s, 1, Integer::sum);
    return s;
  }

  synchronized void close(long snapshot) {
    live.computeIfPresent(snapshot, (k, n) -> n == 1 ? null : n - 1);
  }

  /** The oldest snapshot any reader may still use; never decreases. */
  synchronized long oldest() {
    long o = live.isEmpty() ? published : Math.min(live.firstKey(), published);
    floor = Math.max(floor, o);
    return floor;
  }
}
