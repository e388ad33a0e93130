package io.thermocline.engine.series;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The periods of one series key as an open-addressing hash set of primitive longs (linear probing,
 * backward-shift deletion), about 16 bytes per element: for series without a grid. Not thread-safe:
 * used under the commit lock only.
 */
final class HashPeriods implements PeriodSet {
  private static final long FREE = Long.MIN_VALUE;

  private long[] slots = newSlots(8);
  private int size;
  private boolean hasFree;

  private static long[] newSlots(int n) {
    long[] s = new long[n];
    Arrays.fill(s, FREE);
    return s;
  }

  private static int hash(long v, int mask) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean contains(long v) {
    if (v == FREE) {
      return hasFree;
    }
    int mask = slots.length - 1;
    for (int i = hash(v, mask); ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == v) {
        return true;
      }
      if (s == FREE) {
        return false;
      }
    }
  }

  @Override
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
    for (int i = hash(v, mask); ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == v) {
        return false;
      }
      if (s == FREE) {
        slots[i] = v;
        size++;
        return true;
      }
    }
  }

  @Override
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
    int i = hash(v, mask);
    while (slots[i] != v) {
      if (slots[i] == FREE) {
        return false;
      }
      i = (i + 1) & mask;
    }
    // Backward shift: move later members of the probe chain into the hole.
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != FREE; j = (j + 1) & mask) {
      int home = hash(slots[j], mask);
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = FREE;
    size--;
    return true;
  }

  @Override
  public void forEach(LongConsumer action) {
    if (hasFree) {
      action.accept(FREE);
    }
    for (long s : slots) {
      if (s != FREE) {
        action.accept(s);
      }
    }
  }

  private void grow() {
    long[] old = slots;
    slots = newSlots(old.length * 2);
    int mask = slots.length - 1;
    for (long v : old) {
      if (v != FREE) {
        int i = hash(v, mask);
        while (slots[i] != FREE) {
          i = (i + 1) & mask;
        }
        slots[i] = v;
      }
    }
  }
}
