package io.thermocline.engine.txn;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A set of primitive longs: open addressing with linear probing and backward-shift deletion, no
 * boxing, about 16 bytes per element at the maximum load of one half. {@link Long#MIN_VALUE} marks
 * a free slot; the value {@code Long.MIN_VALUE} itself is kept in a flag. Written here rather than
 * taken from a library because none of the chosen dependencies has a primitive long set and this is
 * the engine's only one (primary keys, series periods). Not thread-safe.
 */
public final class LongHashSet {
  private static final long FREE = Long.MIN_VALUE;

  private long[] slots;
  private int size;
  private boolean hasFree;

  /** An empty set with room for {@code capacity / 2} elements before it grows (power of two). */
  public LongHashSet(int capacity) {
    slots = newSlots(Integer.highestOneBit(Math.max(2, capacity - 1)) << 1);
  }

  private static long[] newSlots(int n) {
    long[] s = new long[n];
    Arrays.fill(s, FREE);
    return s;
  }

  private static int slot(long v, int mask) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  public int size() {
    return size;
  }

  public boolean contains(long v) {
    if (v == FREE) {
      return hasFree;
    }
    int mask = slots.length - 1;
    for (int i = slot(v, mask); ; i = (i + 1) & mask) {
      long k = slots[i];
      if (k == FREE) {
        return false;
      }
      if (k == v) {
        return true;
      }
    }
  }

  /** Adds {@code v}; false when it was present. */
  public boolean add(long v) {
    if (v == FREE) {
      if (hasFree) {
        return false;
      }
      hasFree = true;
      size++;
      return true;
    }
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = slot(v, mask); ; i = (i + 1) & mask) {
      long k = slots[i];
      if (k == v) {
        return false;
      }
      if (k == FREE) {
        slots[i] = v;
        size++;
        return true;
      }
    }
  }

  /** Removes {@code v}; false when it was absent. */
  public boolean remove(long v) {
    if (v == FREE) {
      if (!hasFree) {
        return false;
      }
      hasFree = false;
      size--;
      return true;
    }
    int mask = slots.length - 1;
    int i = slot(v, mask);
    while (slots[i] != v) {
      if (slots[i] == FREE) {
        return false;
      }
      i = (i + 1) & mask;
    }
    // Backward shift: move later entries of the probe run into the hole so lookups stay correct.
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != FREE; j = (j + 1) & mask) {
      int home = slot(slots[j], mask);
      boolean between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
      if (!between) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = FREE;
    size--;
    return true;
  }

  /** Calls {@code action} with every element, in no particular order. */
  public void forEach(LongConsumer action) {
    if (hasFree) {
      action.accept(FREE);
    }
    for (long k : slots) {
      if (k != FREE) {
        action.accept(k);
      }
    }
  }

  /**
   * Makes room for {@code n} elements in all before the set grows again (a fill of a known size
   * then rehashes once, up front, instead of at every doubling).
   */
  public void ensureCapacity(int n) {
    if ((long) n * 2 > slots.length) {
      rehash(Integer.highestOneBit(Math.max(2, n - 1)) << 2);
    }
  }

  private void grow() {
    rehash(slots.length * 2);
  }

  private void rehash(int length) {
    long[] old = slots;
    slots = newSlots(length);
    int mask = slots.length - 1;
    for (long k : old) {
      if (k != FREE) {
        int i = slot(k, mask);
        while (slots[i] != FREE) {
          i = (i + 1) & mask;
        }
        slots[i] = k;
      }
    }
  }
}
