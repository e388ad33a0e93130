package io.thermocline.hotstore.main;

/**
 * Numeric dictionaries expose their values as order-preserving {@code long} keys (the value itself
 * for LONG columns, {@link io.thermocline.hotstore.bits.DoubleKeys} for DOUBLE columns), so key
 * ranges map to id ranges by binary search.
 */
public interface NumericDictionary {
  int size();

  long key(int id);

  /** The first id whose key is at least {@code key} ({@link #size()} if none). */
  default int lowerBound(long key) {
    int lo = 0;
    int hi = size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (key(mid) < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first id whose key is greater than {@code key} ({@link #size()} if none). */
  default int upperBound(long key) {
    return key == Long.MAX_VALUE ? size() : lowerBound(key + 1);
  }
}
