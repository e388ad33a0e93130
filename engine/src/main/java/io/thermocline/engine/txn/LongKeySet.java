package io.thermocline.engine.txn;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.LongVector;
import java.util.Arrays;
import java.util.List;

/**
 * Primary keys of one LONG-stored column (INTEGER, BIGINT, DATE, TIMESTAMP ...) in a primitive
 * open-addressing table with linear probing and backward-shift deletion: no boxing, about 16 bytes
 * per key at the maximum load of one half. {@link Long#MIN_VALUE} marks a free slot; the key {@code
 * Long.MIN_VALUE} itself is kept in a flag. Not thread-safe.
 */
final class LongKeySet extends KeySet {
  private static final long FREE = Long.MIN_VALUE;

  private long[] slots = newSlots(16);
  private int size;
  private boolean hasFree;

  LongKeySet(int[] keyColumns, List<String> keyNames) {
    super(keyColumns, keyNames);
  }

  private static long[] newSlots(int n) {
    long[] s = new long[n];
    Arrays.fill(s, FREE);
    return s;
  }

  @Override
  public KeySet emptyCopy() {
    return new LongKeySet(keyColumns, keyNames);
  }

  private long keyOf(Object[] row) {
    return (Long) row[keyColumns[0]];
  }

  private long keyOf(ColumnBatch batch, int row) {
    return ((LongVector) batch.column(keyColumns[0])).get(row);
  }

  @Override
  public boolean add(Object[] row) {
    return addKey(keyOf(row));
  }

  @Override
  public boolean add(ColumnBatch batch, int row) {
    return addKey(keyOf(batch, row));
  }

  @Override
  public boolean contains(Object[] row) {
    return containsKey(keyOf(row));
  }

  @Override
  public boolean contains(ColumnBatch batch, int row) {
    return containsKey(keyOf(batch, row));
  }

  @Override
  public void addAll(KeySet other) {
    LongKeySet o = (LongKeySet) other;
    if (o.hasFree) {
      addKey(FREE);
    }
    for (long k : o.slots) {
      if (k != FREE) {
        addKey(k);
      }
    }
  }

  @Override
  public void removeAll(KeySet other) {
    LongKeySet o = (LongKeySet) other;
    if (o.hasFree) {
      removeKey(FREE);
    }
    for (long k : o.slots) {
      if (k != FREE) {
        removeKey(k);
      }
    }
  }

  @Override
  public int size() {
    return size;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  boolean containsKey(long key) {
    if (key == FREE) {
      return hasFree;
    }
    int mask = slots.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      long k = slots[i];
      if (k == FREE) {
        return false;
      }
      if (k == key) {
        return true;
      }
    }
  }

  boolean addKey(long key) {
    if (key == FREE) {
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
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      long k = slots[i];
      if (k == key) {
        return false;
      }
      if (k == FREE) {
        slots[i] = key;
        size++;
        return true;
      }
    }
  }

  boolean removeKey(long key) {
    if (key == FREE) {
      if (!hasFree) {
        return false;
      }
      hasFree = false;
      size--;
      return true;
    }
    int mask = slots.length - 1;
    int i = slot(key, mask);
    while (slots[i] != key) {
      if (slots[i] == FREE) {
        return false;
      }
      i = (i + 1) & mask;
    }
    // Backward-shift: move later entries of the probe run into the hole so lookups stay correct.
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

  private void grow() {
    long[] old = slots;
    slots = newSlots(old.length * 2);
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
