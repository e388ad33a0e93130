package io.thermocline.timeseries.function;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;

/**
 * The grid of an equidistant series: the timestamps {@code start + i * increment} in the half-open
 * range {@code [start, end)} (SERIES_GENERATE). Timestamps are longs in any unit; the engine uses
 * microseconds. Pure static functions.
 */
public final class SeriesGrid {
  /** The most grid points one call materializes. */
  public static final int MAX_POINTS = Integer.MAX_VALUE - 8;

  private SeriesGrid() {}

  /** Number of grid points in {@code [start, end)}; 0 when {@code end <= start}. */
  public static int size(long start, long end, long increment) {
    requirePositive(increment);
    if (end <= start) {
      return 0;
    }
    long span;
    try {
      span = Math.subtractExact(end, start);
    } catch (ArithmeticException e) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "series range [" + start + ", " + end + ") is too wide");
    }
    long n = (span - 1) / increment + 1;
    if (n > MAX_POINTS) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "series range ["
              + start
              + ", "
              + end
              + ") with increment "
              + increment
              + " has "
              + n
              + " points, more than "
              + MAX_POINTS);
    }
    return (int) n;
  }

  /** The grid timestamps in {@code [start, end)}. */
  public static long[] generate(long start, long end, long increment) {
    int n = size(start, end, increment);
    long[] out = new long[n];
    long t = start;
    for (int i = 0; i < n; i++) {
      out[i] = t;
      t += increment;
    }
    return out;
  }

  /**
   * The grid index of {@code timestamp} on the grid through {@code start} (negative before it), or
   * {@link Long#MIN_VALUE} when it lies between grid points.
   */
  public static long indexOf(long timestamp, long start, long increment) {
    requirePositive(increment);
    long diff = timestamp - start;
    if ((timestamp < start) != (diff < 0)) {
      return Long.MIN_VALUE; // the difference overflowed: far off any usable grid
    }
    return Math.floorMod(diff, increment) == 0 ? Math.floorDiv(diff, increment) : Long.MIN_VALUE;
  }

  static void requirePositive(long increment) {
    if (increment <= 0) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "series increment must be positive, was " + increment);
    }
  }
}
