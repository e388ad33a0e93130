package io.thermocline.engine.txn;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;

/**
 * Stops all commits after a failed commit could not be undone in the cold tier: that commit's cold
 * changes may still be stored under an id that later snapshots would cover, so nothing may be
 * published after it until the database is reopened (issue 5's log will then know it never
 * committed). Thread-safe (volatile).
 */
public final class CommitGate {
  private volatile ThermoException failure;

  /** Throws the recorded failure, if any. */
  public void check() {
    ThermoException f = failure;
    if (f != null) {
      throw new ThermoException(f.code(), f.getMessage(), f);
    }
  }

  /**
   * Records that commit {@code cid} could not be undone (a cold tier failure during the rollback)
   * or may or may not be durable (the log failed); the first failure wins.
   */
  public synchronized void fail(long cid, Throwable cause) {
    if (failure != null) {
      return;
    }
    failure =
        new ThermoException(
            ErrorCode.COLD_TIER_UNAVAILABLE,
            "commit "
                + cid
                + " failed and could not be rolled back in the cold tier or made durable in the"
                + " log ("
                + cause.getMessage()
                + "); no further commits until the database is reopened",
            cause);
  }

  public boolean isFailed() {
    return failure != null;
  }
}
