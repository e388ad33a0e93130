package io.thermocline.admincli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a loaded value (text from a CSV field or a JSON value) into the Java object the engine
 * converts for a column: Long, Double, BigDecimal, Boolean, String, LocalDate, LocalDateTime (UTC).
 * A value that does not parse is a TYPE_MISMATCH naming the column and the text. Stateless.
 */
public final class ValueParser {
  private static final Pattern EPOCH_MICROS = Pattern.compile("-?\\d+");
  private static final Pattern OFFSET = Pattern.compile("T.*[+-]\\d\\d:?\\d\\d$");

  private ValueParser() {}

  /** A text value; null stays null (an empty unquoted CSV field). */
  public static Object parse(Column column, String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    try {
      return switch (column.type().kind()) {
        case BOOLEAN -> parseBoolean(column, t);
        case INTEGER, BIGINT -> Long.parseLong(t);
        case DOUBLE -> Double.parseDouble(t);
        case DECIMAL -> new BigDecimal(t);
        case VARCHAR -> text;
        case DATE -> LocalDate.parse(t);
        case TIMESTAMP -> parseTimestamp(t);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw mismatch(column, text);
    }
  }

  /** A JSON value: numbers and booleans as themselves, strings through {@link #parse}. */
  public static Object parse(Column column, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return parse(column, node.textValue());
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return switch (column.type().kind()) {
        case INTEGER, BIGINT, TIMESTAMP -> {
          if (!node.canConvertToExactIntegral()) {
            throw mismatch(column, node.asText());
          }
          yield node.longValue();
        }
        case DOUBLE -> node.doubleValue();
        case DECIMAL -> node.decimalValue();
        case BOOLEAN -> parseBoolean(column, node.asText());
        case DATE -> LocalDate.ofEpochDay(node.longValue());
        case VARCHAR -> node.asText();
      };
    }
    throw mismatch(column, node.toString());
  }

  private static Boolean parseBoolean(Column column, String t) {
    switch (t.toLowerCase(Locale.ROOT)) {
      case "true":
      case "t":
      case "1":
      case "yes":
        return Boolean.TRUE;
      case "false":
      case "f":
      case "0":
      case "no":
        return Boolean.FALSE;
      default:
        throw mismatch(column, t);
    }
  }

  /** ISO date-time (T or space), with an offset or Z (converted to UTC), or epoch microseconds. */
  private static Object parseTimestamp(String t) {
    if (EPOCH_MICROS.matcher(t).matches()) {
      return Long.parseLong(t);
    }
    String iso =
        t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
    if (iso.length() == 10) {
      return LocalDate.parse(iso).atStartOfDay();
    }
    if (iso.endsWith("Z") || OFFSET.matcher(iso).find()) {
      return OffsetDateTime.parse(iso).toInstant();
    }
    return LocalDateTime.parse(iso);
  }

  private static ThermoException mismatch(Column column, String text) {
    String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
    return new ThermoException(
        ErrorCode.TYPE_MISMATCH,
        "column "
            + column.name()
            + " is "
            + column.type().sql()
            + " but the value is '"
            + shown
            + "'");
  }
}
