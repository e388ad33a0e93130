package io.thermocline.sql.series;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Converts between the {@link Timestamp}s Calcite hands to user functions and the engine's UTC
 * wall-clock microseconds. Calcite builds those Timestamps in the JVM's zone from the SQL value's
 * wall clock, so the wall clock (not {@link Timestamp#getTime()}) is the value. Stateless.
 */
final class SqlTime {
  private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

  private SqlTime() {}

  static long micros(Timestamp ts) {
    return ChronoUnit.MICROS.between(EPOCH, ts.toLocalDateTime());
  }

  /**
   * The wall-clock microseconds of a time argument as Calcite passes it to an ANY parameter: a
   * {@link Timestamp}, its internal wall-clock millis ({@link Long}), a {@link
   * org.apache.calcite.util.TimestampString} or a {@link java.util.Calendar} (literals while
   * preparing), or text in JDBC timestamp escape format.
   */
  static long micros(Object value, String function) {
    if (value instanceof Timestamp) {
      return micros((Timestamp) value);
    }
    if (value instanceof Long) {
      return Math.multiplyExact((Long) value, 1000L);
    }
    if (value instanceof org.apache.calcite.util.TimestampString) {
      return Math.multiplyExact(
          ((org.apache.calcite.util.TimestampString) value).getMillisSinceEpoch(), 1000L);
    }
    if (value instanceof java.util.Calendar) {
      return Math.multiplyExact(((java.util.Calendar) value).getTimeInMillis(), 1000L);
    }
    if (value instanceof String) {
      try {
        return micros(Timestamp.valueOf(((String) value).trim()));
      } catch (IllegalArgumentException e) {
        // fall through to the error naming the value
      }
    }
    throw new io.thermocline.common.error.ThermoException(
        io.thermocline.common.error.ErrorCode.TYPE_MISMATCH,
        function
            + ": expected a TIMESTAMP, got "
            + (value == null
                ? "NULL"
                : "'" + value + "' (" + value.getClass().getSimpleName() + ")"));
  }

  static Timestamp timestamp(long micros) {
    return Timestamp.valueOf(EPOCH.plus(micros, ChronoUnit.MICROS));
  }

  /** Calcite's internal value of a TIMESTAMP column in a table's rows: wall-clock millis. */
  static long internal(long micros) {
    return Math.floorDiv(micros, 1000L);
  }
}
