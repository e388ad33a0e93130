package io.thermocline.engine.move;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.engine.durability.CommitLog;
import io.thermocline.engine.durability.CommitRecord;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.table.TierTouches;
import io.thermocline.engine.txn.CommitClock;
import io.thermocline.engine.txn.CommitGate;
import java.util.List;

/**
 * Moves one batch of rows whose aging flag disagrees with their tier (DESIGN.md section 3): under
 * the commit lock, once every earlier commit is published ({@code CommitClock.beginExclusive}, so
 * the newest snapshot is the applied state), it takes the next commit id, reads and ends up to
 * {@code maxRows} rows of the source tier at that snapshot (no other commit can interleave, so
 * there is no conflict), writes exactly those rows to the target tier with the same id, and
 * publishes. If anything fails, both tiers undo the id and nothing moved; a failure of the cold
 * tier is reported as {@code COLD_TIER_UNAVAILABLE} with its cause. Logged like a transaction (see
 * {@code Committer}): an intent before the cold tier changes, the commit record (the rows the hot
 * tier lost or gained) appended and waited for under the lock before publishing (moves are few and
 * large: no group commit). Thread-safe (all work under the commit lock).
 */
public final class Mover {
  private final CommitClock clock;
  private final CommitGate gate;
  private final CommitLog log;

  public Mover(CommitClock clock, CommitGate gate, CommitLog log) {
    this.clock = clock;
    this.gate = gate;
    this.log = log;
  }

  /** Moves up to {@code maxRows} rows of {@code table}; returns how many moved. */
  public long move(HybridTable table, MoveDirection direction, int maxRows) {
    return move(table, direction, maxRows, null);
  }

  /**
   * Moves up to {@code maxRows} rows of {@code table}; with {@code alsoMatching} (TO_COLD only) the
   * hot rows matching it move too, flagged TRUE in the cold tier, in the same commit. Returns how
   * many moved.
   */
  public long move(HybridTable table, MoveDirection direction, int maxRows, Expr alsoMatching) {
    if (alsoMatching != null && direction != MoveDirection.TO_COLD) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "a move of table " + table.name() + " to the hot tier selects by its flag only");
    }
    if (maxRows < 1) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "a move batch needs maxRows >= 1, not " + maxRows);
    }
    try (CommitClock.Commit c = clock.beginExclusive()) {
      gate.check();
      long cid = c.cid();
      long snapshot = clock.lastCommitted();
      TierTouches touched = new TierTouches();
      long moved;
      boolean logging = false;
      try {
        log.append(
            new CommitRecord(
                CommitRecord.Kind.INTENT,
                cid,
                List.of(new CommitRecord.TableChanges(table.name(), 0, List.of(), List.of()))));
        moved =
            direction == MoveDirection.TO_COLD
                ? table.moveToCold(cid, snapshot, maxRows, alsoMatching, touched)
                : table.moveToHot(cid, snapshot, maxRows, touched);
        if (moved > 0) {
          logging = true;
          log.append(touched.toRecord(cid));
          logging = false;
        }
      } catch (RuntimeException | Error e) {
        if (logging) {
          gate.fail(cid, e);
          throw e;
        }
        if (!touched.abortAll(cid, e)) {
          gate.fail(cid, e);
        }
        throw coldFailure(e, table, direction);
      }
      if (moved > 0) {
        c.publish();
      }
      return moved;
    }
  }

  private static RuntimeException coldFailure(Throwable e, HybridTable t, MoveDirection d) {
    if (e instanceof Error err) {
      throw err;
    }
    if (e instanceof ThermoException te
        && te.code() != ErrorCode.IO_ERROR
        && te.code() != ErrorCode.COLD_TIER_UNAVAILABLE
        && te.code() != ErrorCode.CORRUPT_FILE) {
      return te;
    }
    return new ThermoException(
        ErrorCode.COLD_TIER_UNAVAILABLE,
        "move of table "
            + t.name()
            + " "
            + (d == MoveDirection.TO_COLD ? "to" : "from")
            + " the cold tier failed and was rolled back: "
            + e.getMessage(),
        e);
  }
}
