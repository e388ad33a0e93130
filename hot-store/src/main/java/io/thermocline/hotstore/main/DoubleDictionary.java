package io.thermocline.hotstore.main;

import io.thermocline.hotstore.bits.DoubleKeys;

/** Sorted distinct values of a DOUBLE column, in {@link Double#compare} order. */
public final class DoubleDictionary extends SortedDictionary implements NumericDictionary {
  private final double[] values;

  /** {@code values} must be strictly ascending by Double.compare; kept, not copied. */
  public DoubleDictionary(double[] values) {
    this.values = values;
  }

  /** The values, indexed by id. Do not modify. */
  public double[] values() {
    return values;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public long key(int id) {
    return DoubleKeys.key(values[id]);
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
