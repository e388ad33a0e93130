package io.thermocline.timeseries.function;

/** How {@link SeriesRound} maps a timestamp between two grid points onto one of them. Immutable. */
public enum TimeRounding {
  /** The grid point at or before the timestamp (TIME_BUCKET). */
  DOWN,
  /** The grid point at or after the timestamp. */
  UP,
  /** The nearest grid point; halfway goes to the later one (SERIES_ROUND's default). */
  HALF_UP,
  /** The nearest grid point; halfway goes to the earlier one. */
  HALF_DOWN
}
