package io.thermocline.sql.series;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the interval text the series functions take ({@code '15 MINUTE'}, {@code 'INTERVAL 15
 * MINUTE'}, {@code 'INTERVAL ''1'' HOUR'}) into microseconds. A text argument rather than an SQL
 * INTERVAL because Calcite's user-defined functions cannot declare interval parameters; months and
 * years are refused because a grid needs a fixed step. The SQL layer's time-bucket push-down reads
 * widths with it too. Stateless.
 */
public final class SeriesInterval {
  private static final Pattern TEXT =
      Pattern.compile(
          "\\s*(?:INTERVAL\\s+)?'?\\s*(\\d+)\\s*'?\\s*"
              + "(MICROSECONDS?|MILLISECONDS?|SECONDS?|MINUTES?|HOURS?|DAYS?|WEEKS?)\\s*",
          Pattern.CASE_INSENSITIVE);

  private SeriesInterval() {}

  /** The interval in microseconds; {@code function} names the caller in the error. */
  public static long micros(String text, String function) {
    if (text == null) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, function + ": the interval is NULL");
    }
    Matcher m = TEXT.matcher(text);
    if (!m.matches()) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          function
              + ": cannot read the interval '"
              + text
              + "'; write e.g. '15 MINUTE' (units: MICROSECOND, MILLISECOND, SECOND, MINUTE, HOUR,"
              + " DAY, WEEK)");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, function + ": the interval '" + text + "' is too large");
    }
    String unit = m.group(2).toUpperCase(Locale.ROOT);
    long per =
        unit.startsWith("MICRO")
            ? 1L
            : unit.startsWith("MILLI")
                ? 1_000L
                : unit.startsWith("SECOND")
                    ? 1_000_000L
                    : unit.startsWith("MINUTE")
                        ? 60_000_000L
                        : unit.startsWith("HOUR")
                            ? 3_600_000_000L
                            : unit.startsWith("DAY") ? 86_400_000_000L : 604_800_000_000L;
    if (n <= 0) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          function + ": the interval '" + text + "' must be longer than zero");
    }
    try {
      return Math.multiplyExact(n, per);
    } catch (ArithmeticException e) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, function + ": the interval '" + text + "' is too large");
    }
  }
}
