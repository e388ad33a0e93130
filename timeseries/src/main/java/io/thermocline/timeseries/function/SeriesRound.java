package io.thermocline.timeseries.function;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;

/**
 * Rounding of timestamps onto a grid {@code origin + k * increment} (SERIES_ROUND) and bucketing
 * (TIME_BUCKET, which is rounding {@link TimeRounding#DOWN}). Works for timestamps before the
 * origin too: buckets are floor-aligned, not truncated toward zero. Pure static functions.
 */
public final class SeriesRound {
  private SeriesRound() {}

  /** {@code timestamp} rounded onto the grid through {@code origin} with step {@code increment}. */
  public static long round(long timestamp, long increment, long origin, TimeRounding mode) {
    SeriesGrid.requirePositive(increment);
    long diff = timestamp - origin;
    if ((timestamp < origin) != (diff < 0)) {
      throw outOfRange(timestamp, origin);
    }
    long offset = Math.floorMod(diff, increment);
    long down = timestamp - offset;
    if (offset == 0) {
      return timestamp;
    }
    boolean up;
    switch (mode) {
      case DOWN:
        up = false;
        break;
      case UP:
        up = true;
        break;
      case HALF_UP:
        up = offset >= increment - offset;
        break;
      case HALF_DOWN:
        up = offset > increment - offset;
        break;
      default:
        throw new IllegalStateException("unhandled rounding " + mode);
    }
    if (!up) {
      return down;
    }
    long result = down + increment;
    if (result < down) {
      throw outOfRange(timestamp, origin);
    }
    return result;
  }

  /** The start of the bucket of width {@code width}, aligned to {@code origin}, holding ts. */
  public static long timeBucket(long timestamp, long width, long origin) {
    return round(timestamp, width, origin, TimeRounding.DOWN);
  }

  /** Rounds {@code src[0, count)} into {@code dst}; the arrays may be the same. */
  public static void round(
      long[] src, long[] dst, int count, long increment, long origin, TimeRounding mode) {
    for (int i = 0; i < count; i++) {
      dst[i] = round(src[i], increment, origin, mode);
    }
  }

  /** Buckets {@code src[0, count)} into {@code dst}; the arrays may be the same. */
  public static void timeBucket(long[] src, long[] dst, int count, long width, long origin) {
    round(src, dst, count, width, origin, TimeRounding.DOWN);
  }

  private static ThermoException outOfRange(long timestamp, long origin) {
    return new ThermoException(
        ErrorCode.INVALID_ARGUMENT,
        "timestamp " + timestamp + " is too far from origin " + origin + " to round");
  }
}
