package io.thermocline.common.config;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Validated values of declared {@link Setting}s; a setting never set reads as its default. Unknown
 * names are rejected when parsing so that a typo is an error, not a silent default. Immutable.
 */
public final class Config {
  private final Map<String, Object> values;

  private Config(Map<String, Object> values) {
    this.values = Map.copyOf(values);
  }

  public static Config defaults() {
    return new Config(Map.of());
  }

  /** Parses text values; every key must be one of {@code known}. */
  public static Config parse(Properties props, Collection<Setting<?>> known) {
    Map<String, Setting<?>> byName = new LinkedHashMap<>();
    for (Setting<?> s : known) {
      byName.put(s.name(), s);
    }
    Map<String, Object> values = new HashMap<>();
    for (String key : props.stringPropertyNames()) {
      Setting<?> s = byName.get(key);
      if (s == null) {
        throw new ThermoException(
            ErrorCode.INVALID_CONFIG, "unknown setting " + key + "; known: " + byName.keySet());
      }
      values.put(key, s.parse(props.getProperty(key)));
    }
    return new Config(values);
  }

  /** A copy with one setting changed (validated). */
  public <T> Config with(Setting<T> setting, T value) {
    Map<String, Object> copy = new HashMap<>(values);
    copy.put(setting.name(), setting.validate(value));
    return new Config(copy);
  }

  public <T> T get(Setting<T> setting) {
    Object v = values.get(setting.name());
    return v == null ? setting.defaultValue() : setting.type().cast(v);
  }
}
