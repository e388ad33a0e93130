package io.thermocline.engine.catalog;

/**
 * A literal of an aging rule that means {@code CURRENT_TIMESTAMP + offset}: the rule is stored with
 * it and resolved to a fixed time each time the rule is evaluated ({@link AgingRule#bindAt}).
 * Immutable.
 */
public record RelativeTime(long offsetMicros) {
  private static final long MICROS_PER_SECOND = 1_000_000L;

  @Override
  public String toString() {
    if (offsetMicros == 0) {
      return "CURRENT_TIMESTAMP";
    }
    long abs = Math.abs(offsetMicros);
    String sign = offsetMicros < 0 ? " - " : " + ";
    long seconds = abs / MICROS_PER_SECOND;
    if (abs % MICROS_PER_SECOND != 0) {
      return "CURRENT_TIMESTAMP" + sign + "INTERVAL '" + abs + "' MICROSECOND";
    }
    if (seconds % 86_400 == 0) {
      return "CURRENT_TIMESTAMP" + sign + "INTERVAL '" + seconds / 86_400 + "' DAY";
    }
    if (seconds % 3_600 == 0) {
      return "CURRENT_TIMESTAMP" + sign + "INTERVAL '" + seconds / 3_600 + "' HOUR";
    }
    if (seconds % 60 == 0) {
      return "CURRENT_TIMESTAMP" + sign + "INTERVAL '" + seconds / 60 + "' MINUTE";
    }
    return "CURRENT_TIMESTAMP" + sign + "INTERVAL '" + seconds + "' SECOND";
  }
}
