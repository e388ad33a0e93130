package io.thermocline.common.config;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One configuration setting, declared once with its name, type, default, validator and doc (as
 * Kafka's {@code LogConfig} does). Modules declare their settings as constants and read them from a
 * {@link Config}; there are no free-form string maps. Immutable.
 *
 * @param <T> the value type
 */
public record Setting<T>(
    String name,
    Class<T> type,
    T defaultValue,
    Function<String, T> parser,
    Predicate<T> validator,
    String validRange,
    String doc) {

  public static Setting<Long> longSetting(
      String name, long defaultValue, long min, long max, String doc) {
    return new Setting<>(
        name,
        Long.class,
        defaultValue,
        Long::parseLong,
        v -> v >= min && v <= max,
        "[" + min + ", " + max + "]",
        doc);
  }

  public static Setting<Integer> intSetting(
      String name, int defaultValue, int min, int max, String doc) {
    return new Setting<>(
        name,
        Integer.class,
        defaultValue,
        Integer::parseInt,
        v -> v >= min && v <= max,
        "[" + min + ", " + max + "]",
        doc);
  }

  public static Setting<Boolean> booleanSetting(String name, boolean defaultValue, String doc) {
    return new Setting<>(
        name,
        Boolean.class,
        defaultValue,
        s -> {
          if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("not a boolean");
          }
          return Boolean.parseBoolean(s);
        },
        v -> true,
        "true or false",
        doc);
  }

  public static Setting<String> stringSetting(String name, String defaultValue, String doc) {
    return new Setting<>(
        name, String.class, defaultValue, s -> s, v -> v != null, "any string", doc);
  }

  public static <E extends Enum<E>> Setting<E> enumSetting(
      String name, Class<E> type, E defaultValue, String doc) {
    return new Setting<>(
        name,
        type,
        defaultValue,
        s -> Enum.valueOf(type, s.trim().toUpperCase(java.util.Locale.ROOT)),
        v -> true,
        java.util.Arrays.toString(type.getEnumConstants()),
        doc);
  }

  /** Parses and validates a textual value; the error names the setting and the allowed range. */
  public T parse(String text) {
    T value;
    try {
      value = parser.apply(text.trim());
    } catch (RuntimeException e) {
      throw invalid(text);
    }
    return validate(value);
  }

  public T validate(T value) {
    if (!validator.test(value)) {
      throw invalid(String.valueOf(value));
    }
    return value;
  }

  private ThermoException invalid(String text) {
    return new ThermoException(
        ErrorCode.INVALID_CONFIG,
        "setting " + name + " = '" + text + "' is invalid; expected " + validRange);
  }
}
