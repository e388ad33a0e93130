package io.thermocline.sql.series;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.timeseries.function.SeriesRound;
import io.thermocline.timeseries.function.TimeRounding;
import java.sql.Timestamp;
import java.util.Locale;

/**
 * The scalar series functions as Calcite user functions (public static methods, registered by
 * {@link SeriesSqlFunctions}). NULL in, NULL out. Grids start at the epoch unless an origin is
 * given. Stateless.
 */
public final class SeriesScalarFunctions {
  private SeriesScalarFunctions() {}

  /** {@code TIME_BUCKET('15 MINUTE', ts)}: the start of the bucket holding {@code ts}. */
  public static Timestamp timeBucket(String width, Timestamp ts) {
    if (ts == null) {
      return null;
    }
    long w = SeriesInterval.micros(width, "TIME_BUCKET");
    return SqlTime.timestamp(SeriesRound.timeBucket(SqlTime.micros(ts), w, 0L));
  }

  /** {@code TIME_BUCKET('1 DAY', ts, origin)}: buckets counted from {@code origin}. */
  public static Timestamp timeBucketFrom(String width, Timestamp ts, Timestamp origin) {
    if (ts == null || origin == null) {
      return null;
    }
    long w = SeriesInterval.micros(width, "TIME_BUCKET");
    return SqlTime.timestamp(SeriesRound.timeBucket(SqlTime.micros(ts), w, SqlTime.micros(origin)));
  }

  /** {@code SERIES_ROUND(ts, '15 MINUTE')}: the nearest grid point, halfway rounds up. */
  public static Timestamp seriesRound(Timestamp ts, String increment) {
    return seriesRoundMode(ts, increment, "ROUND_HALF_UP");
  }

  /**
   * {@code SERIES_ROUND(ts, '15 MINUTE', 'ROUND_DOWN')}; modes ROUND_HALF_UP, ROUND_HALF_DOWN,
   * ROUND_UP, ROUND_DOWN (HANA's names).
   */
  public static Timestamp seriesRoundMode(Timestamp ts, String increment, String mode) {
    if (ts == null) {
      return null;
    }
    long inc = SeriesInterval.micros(increment, "SERIES_ROUND");
    return SqlTime.timestamp(SeriesRound.round(SqlTime.micros(ts), inc, 0L, rounding(mode)));
  }

  static TimeRounding rounding(String mode) {
    String m = mode == null ? "" : mode.trim().toUpperCase(Locale.ROOT);
    switch (m) {
      case "ROUND_HALF_UP":
        return TimeRounding.HALF_UP;
      case "ROUND_HALF_DOWN":
        return TimeRounding.HALF_DOWN;
      case "ROUND_UP":
        return TimeRounding.UP;
      case "ROUND_DOWN":
        return TimeRounding.DOWN;
      default:
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "SERIES_ROUND: unknown rounding mode '"
                + mode
                + "'; use ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_UP or ROUND_DOWN");
    }
  }
}
