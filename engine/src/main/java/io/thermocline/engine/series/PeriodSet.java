package io.thermocline.engine.series;

import java.util.function.LongConsumer;

/**
 * The periods one series key holds: {@link GridPeriods} (a bit per grid position) for equidistant
 * series, {@link HashPeriods} otherwise. Not thread-safe: used under the commit lock only.
 */
interface PeriodSet {
  int size();

  boolean contains(long v);

  /** Adds {@code v}; false when it was present. */
  boolean add(long v);

  /** Removes {@code v}; false when it was absent. */
  boolean remove(long v);

  void forEach(LongConsumer action);
}
