package io.thermocline.common.scan;

/** Aggregate functions every tier computes as mergeable partials. */
public enum AggFunction {
  /** COUNT(*): rows. */
  COUNT_STAR,
  /** COUNT(col): non-NULL values. */
  COUNT,
  SUM,
  MIN,
  MAX,
  /** Kept as sum and count so partials from several tiers merge exactly. */
  AVG
}
