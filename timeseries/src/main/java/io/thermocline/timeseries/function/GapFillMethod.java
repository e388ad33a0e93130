package io.thermocline.timeseries.function;

/** How {@link GapFill} fills a grid position without a value. Immutable. */
public enum GapFillMethod {
  /** Leave it NULL. */
  NULL,
  /** The last value before it (LOCF); NULL before the first value. */
  PREVIOUS,
  /** The first value after it; NULL after the last value. */
  NEXT,
  /** Linear in time between the values around it; NULL before the first and after the last. */
  LINEAR,
  /** A given constant. */
  CONSTANT
}
