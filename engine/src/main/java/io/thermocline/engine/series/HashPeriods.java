package io.thermocline.engine.series;

import io.thermocline.engine.txn.LongHashSet;
import java.util.function.LongConsumer;

/**
 * The periods of one series key as a primitive hash set, about 16 bytes per element: for series
 * without a grid. Not thread-safe: used under the commit lock only.
 */
final class HashPeriods implements PeriodSet {
  private final LongHashSet periods = new LongHashSet(8);

  @Override
  public int size() {
    return periods.size();
  }

  @Override
  public boolean contains(long v) {
    return periods.contains(v);
  }

  @Override
  public boolean add(long v) {
    return periods.add(v);
  }

  @Override
  public boolean remove(long v) {
    return periods.remove(v);
  }

  @Override
  public void forEach(LongConsumer action) {
    periods.forEach(action);
  }
}
