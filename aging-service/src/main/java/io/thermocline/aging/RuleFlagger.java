package io.thermocline.aging;

import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.catalog.TableDefinition;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Sets the aging flag on the rows a filter matches, in commits of about {@code chunkRows} rows at
 * most: one UPDATE when the matches are few or the table has no time column, else one UPDATE per
 * slice of the time column, halving a slice until it holds at most {@code chunkRows} matches.
 * Bounded commits keep a run's flagging inside the write-ahead log's record limit (an UPDATE logs
 * every ended and new row) and let readers and writers interleave. Stateless; each call uses its
 * own session.
 */
final class RuleFlagger {
  private RuleFlagger() {}

  /** Flags the matches of {@code filter}; returns how many rows were flagged. */
  static long flag(
      Database db, TableDefinition d, Expr filter, long chunkRows, BooleanSupplier stop) {
    Map<String, Object> set = Map.of(d.agingFlag(), true);
    String time = d.schema().timeColumn().orElse(null);
    try (Session s = db.session()) {
      if (time == null) {
        return s.update(d.name(), filter, set);
      }
      long n = s.count(d.name(), filter);
      if (n == 0) {
        return 0;
      }
      if (n <= chunkRows) {
        return s.update(d.name(), filter, set);
      }
      Object[] range =
          s.aggregate(
                  d.name(),
                  filter,
                  AggregateSpec.of(List.of(), AggregateCall.min(time), AggregateCall.max(time)))
              .rows()
              .get(0);
      if (!(range[0] instanceof Long lo) || !(range[1] instanceof Long hi)) {
        return s.update(d.name(), filter, set);
      }
      return flagSlice(s, d.name(), filter, set, time, lo, hi + 1, n, chunkRows, stop);
    }
  }

  /** Flags the matches with time in {@code [lo, hi)}, about {@code n} of them. */
  private static long flagSlice(
      Session s,
      String table,
      Expr filter,
      Map<String, Object> set,
      String time,
      long lo,
      long hi,
      long n,
      long chunkRows,
      BooleanSupplier stop) {
    if (stop.getAsBoolean()) {
      return 0;
    }
    if (n <= chunkRows || hi - lo <= 1) {
      return s.update(table, slice(filter, time, lo, hi), set);
    }
    long mid = lo + (hi - lo) / 2;
    long left = s.count(table, slice(filter, time, lo, mid));
    long done =
        left == 0 ? 0 : flagSlice(s, table, filter, set, time, lo, mid, left, chunkRows, stop);
    // Writers may have changed the counts meanwhile: the right half is recounted, not inferred.
    long right = s.count(table, slice(filter, time, mid, hi));
    if (right > 0) {
      done += flagSlice(s, table, filter, set, time, mid, hi, right, chunkRows, stop);
    }
    return done;
  }

  private static Expr slice(Expr filter, String time, long lo, long hi) {
    return Expr.and(filter, Expr.ge(time, lo), Expr.lt(time, hi));
  }
}
