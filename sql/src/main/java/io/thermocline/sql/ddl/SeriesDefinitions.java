package io.thermocline.sql.ddl;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.sql.parser.ddl.SqlSeriesDefinition;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserUtil;

/**
 * Turns the parsed {@code SERIES (...)} clause into the catalog's {@link SeriesSpec}. The increment
 * must be a day-time interval: a month has no fixed length, so it cannot be a grid step. MINVALUE
 * and MAXVALUE become storage values by their literal's kind (TIMESTAMP: microseconds, DATE: days,
 * a number as is); the engine checks them against the period column. Stateless.
 */
final class SeriesDefinitions {
  private static final Pattern TYPED_LITERAL =
      Pattern.compile("(TIMESTAMP|DATE)\\s*'([^']*)'", Pattern.CASE_INSENSITIVE);

  private SeriesDefinitions() {}

  static SeriesSpec of(String table, SqlSeriesDefinition s) {
    long micros = 0;
    if (s.isEquidistant()) {
      micros = incrementMicros(table, s.increment());
    }
    return new SeriesSpec(
        s.seriesKeyColumns(),
        s.periodColumnName(),
        micros,
        s.missingElementsAllowed(),
        bound(table, "MINVALUE", s.minValue()),
        bound(table, "MAXVALUE", s.maxValue()));
  }

  private static Long bound(String table, String what, SqlNode literal) {
    if (literal == null) {
      return null;
    }
    if (literal instanceof SqlNumericLiteral n && n.isExact()) {
      return n.longValue(true);
    }
    // By its text: the parser may hand TIMESTAMP and DATE literals over still unresolved.
    String text = literal.toString().trim();
    Matcher m = TYPED_LITERAL.matcher(text);
    try {
      if (m.matches() && m.group(1).equalsIgnoreCase("DATE")) {
        return LocalDate.parse(m.group(2).trim()).toEpochDay();
      }
      if (m.matches()) {
        LocalDateTime at = LocalDateTime.parse(m.group(2).trim().replace(' ', 'T'));
        return Math.addExact(
            Math.multiplyExact(at.toEpochSecond(ZoneOffset.UTC), 1_000_000L),
            at.getNano() / 1_000L);
      }
      return Long.parseLong(text);
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "table "
              + table
              + ": series "
              + what
              + " "
              + text
              + " must be a TIMESTAMP, DATE or integer literal",
          e);
    }
  }

  private static long incrementMicros(String table, SqlLiteral increment) {
    if (!(increment instanceof SqlIntervalLiteral)
        || !increment.getTypeName().getFamily().toString().equals("INTERVAL_DAY_TIME")) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "table "
              + table
              + ": the series increment "
              + increment
              + " must be a day-time interval such as INTERVAL '15' MINUTE");
    }
    long millis =
        SqlParserUtil.intervalToMillis(
            (SqlIntervalLiteral.IntervalValue) ((SqlIntervalLiteral) increment).getValue());
    if (millis <= 0) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "table " + table + ": the series increment " + increment + " must be positive");
    }
    return Math.multiplyExact(millis, 1000L);
  }
}
