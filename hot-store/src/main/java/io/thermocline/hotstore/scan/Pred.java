package io.thermocline.hotstore.scan;

import io.thermocline.common.expr.Expr;
import java.util.List;

/**
 * A filter compiled to the set of rows it selects, independent of any segment: every node selects
 * the rows for which its part of the SQL predicate is TRUE (negation was pushed to the leaves, so
 * three-valued logic is already resolved). Leaves never select a row whose tested column is NULL,
 * except {@link NullTest}. Immutable.
 */
public sealed interface Pred {

  /** All rows or none. */
  record Const(boolean all) implements Pred {}

  /**
   * Non-NULL rows of a LONG or DOUBLE column whose order key (the long itself, or {@link
   * io.thermocline.hotstore.bits.DoubleKeys#key}) lies in one of the inclusive, ascending, disjoint
   * ranges {@code [lo[i], hi[i]]}.
   */
  record KeyRanges(int column, long[] lo, long[] hi) implements Pred {}

  /** Non-NULL rows whose order key is ({@code !negated}) or is not ({@code negated}) in keys. */
  record KeySet(int column, long[] sortedKeys, boolean negated) implements Pred {}

  /** Non-NULL rows of a VARCHAR column within the bounds; a null bound is open. */
  record StringRange(int column, String lo, boolean loInclusive, String hi, boolean hiInclusive)
      implements Pred {}

  /** Non-NULL rows whose string is ({@code !negated}) or is not ({@code negated}) in values. */
  record StringSet(int column, String[] sortedValues, boolean negated) implements Pred {}

  /** Rows where the column is NULL ({@code wantNull}) or is not NULL. */
  record NullTest(int column, boolean wantNull) implements Pred {}

  record All(List<Pred> terms) implements Pred {}

  record Any(List<Pred> terms) implements Pred {}

  /**
   * Fallback for what has no vectorized form (column compared with column, a column used as a
   * boolean, mixed literal classes): rows where {@link
   * io.thermocline.common.expr.ExprEvaluator#evaluate} gives TRUE ({@code !wantFalse}) or FALSE.
   */
  record RowTest(Expr expr, int[] columns, boolean wantFalse) implements Pred {}
}
