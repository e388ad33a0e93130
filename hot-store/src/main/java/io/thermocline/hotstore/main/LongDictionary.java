package io.thermocline.hotstore.main;

/** Sorted distinct values of a LONG-stored column. */
public final class LongDictionary extends SortedDictionary implements NumericDictionary {
  private final long[] values;

  /** {@code values} must be strictly ascending; the array is kept, not copied. */
  public LongDictionary(long[] values) {
    this.values = values;
  }

  /** The values, indexed by id. Do not modify. */
  public long[] values() {
    return values;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public long key(int id) {
    return values[id];
  }

  @Override
  public Object value(int id) {
    return values[id];
  }

  @Override
  public long bytes() {
    return 16L + 8L * values.length;
  }
}
