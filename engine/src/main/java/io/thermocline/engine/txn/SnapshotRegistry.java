package io.thermocline.engine.txn;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.TreeMap;

/**
 * The snapshots readers and transactions hold, and the oldest of them: what hot delta merges may
 * collapse versions up to and what cold compaction may fold up to. Registering reads the clock
 * under the same monitor that {@link #oldestLive()} takes, so the oldest live snapshot never
 * exceeds a snapshot being registered. Thread-safe (one monitor, held for a few map operations).
 */
public final class SnapshotRegistry {
  private final CommitClock clock;
  private final TreeMap<Long, Integer> live = new TreeMap<>();
  private int count;

  public SnapshotRegistry(CommitClock clock) {
    this.clock = clock;
  }

  /** Registers the newest snapshot and returns it; pair with {@link #unregister}. */
  public synchronized long register() {
    long s = clock.lastCommitted();
    live.merge(s, 1, Integer::sum);
    count++;
    return s;
  }

  public synchronized void unregister(long snapshot) {
    Integer n = live.get(snapshot);
    if (n == null) {
      throw new ThermoException(ErrorCode.INTERNAL, "snapshot " + snapshot + " is not registered");
    }
    if (n == 1) {
      live.remove(snapshot);
    } else {
      live.put(snapshot, n - 1);
    }
    count--;
  }

  /** The smallest registered snapshot, or the last committed id when none is registered. */
  public synchronized long oldestLive() {
    return live.isEmpty() ? clock.lastCommitted() : live.firstKey();
  }

  /** How many snapshots are registered now. */
  public synchronized int liveCount() {
    return count;
  }
}
