package io.thermocline.hotstore.main;

/** Sorted distinct values of a VARCHAR column, in {@link String#compareTo} order. */
public final class StringDictionary extends SortedDictionary {
  private final String[] values;
  private final long bytes;

  /** {@code values} must be strictly ascending; kept, not copied. */
  public StringDictionary(String[] values) {
    this.values = values;
    long b = 16L + 4L * values.length;
    for (String s : values) {
      b += stringBytes(s);
    }
    this.bytes = b;
  }

  /**
   * Estimated heap bytes of one String: object (24) + byte[] header (16) + payload (one byte per
   * char as for Latin-1 text, two otherwise), rounded to 8.
   */
  public static long stringBytes(String s) {
    int len = s.length();
    boolean latin1 = true;
    for (int i = 0; i < len && latin1; i++) {
      latin1 = s.charAt(i) < 256;
    }
    long payload = latin1 ? len : 2L * len;
    return 24 + ((16 + payload + 7) & ~7L);
  }

  /** The values, indexed by id. Do not modify. */
  public String[] values() {
    return values;
  }

  @Override
  public int size() {
    return values.length;
  }

  public String get(int id) {
    return values[id];
  }

  /** The first id whose value is at least {@code s} ({@link #size()} if none). */
  public int lowerBound(String s) {
    int lo = 0;
    int hi = values.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid].compareTo(s) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first id whose value is greater than {@code s}. */
  public int upperBound(String s) {
    int lo = 0;
    int hi = values.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid].compareTo(s) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public Object value(int id) {
    return values[id];
  }

  @Override
  public long bytes() {
    return bytes;
  }
}
