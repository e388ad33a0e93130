package io.thermocline.hotstore.main;

/**
 * The distinct non-NULL values of one main column in ascending order; a value's position is its
 * value id, so id order is value order and a range predicate becomes an id range. Immutable.
 */
public abstract sealed class SortedDictionary
    permits LongDictionary, DoubleDictionary, StringDictionary {

  public abstract int size();

  /** The storage value (Long, Double or String) of an id. Allocates; not for hot loops. */
  public abstract Object value(int id);

  /** Estimated heap bytes, string payloads included. */
  public abstract long bytes();
}
