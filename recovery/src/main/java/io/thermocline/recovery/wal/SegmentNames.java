package io.thermocline.recovery.wal;

/**
 * Segment file names: {@code wal-<base LSN, 20 digits>.log}, so that sorting names sorts segments
 * by LSN (as Kafka names segments by base offset). Stateless.
 */
final class SegmentNames {
  private static final String PREFIX = "wal-";
  private static final String SUFFIX = ".log";
  private static final int DIGITS = 20;

  private SegmentNames() {}

  static String of(long baseLsn) {
    return PREFIX + String.format("%0" + DIGITS + "d", baseLsn) + SUFFIX;
  }

  /** The base LSN a segment name encodes, or -1 if {@code name} is not a segment's. */
  static long baseLsn(String name) {
    if (name.length() != PREFIX.length() + DIGITS + SUFFIX.length()
        || !name.startsWith(PREFIX)
        || !name.endsWith(SUFFIX)) {
      return -1;
    }
    long v = 0;
    for (int i = PREFIX.length(); i < PREFIX.length() + DIGITS; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9' || v > (Long.MAX_VALUE - 9) / 10) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
