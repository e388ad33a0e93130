package io.thermocline.hotstore.bits;

import java.util.Arrays;

/**
 * Maps {@code long} keys to dense ids {@code 0, 1, 2, ...} in first-seen order. Open addressing
 * with linear probing over primitive arrays: no allocation per key, unlike {@code HashMap<Long,
 * Integer>} which boxes every key and allocates a node per entry. Used to build dictionaries during
 * a merge and to number group keys in aggregates. Single-threaded.
 */
public final class LongToIdHash {
  private long[] keys;
  private int[] ids; // id + 1; 0 = empty slot
  private long[] byId;
  private int size;
  private int shift;

  public LongToIdHash(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    keys = new long[cap];
    ids = new int[cap];
    byId = new long[Math.max(16, Math.min(expected, 1 << 20))];
    shift = 64 - Integer.numberOfTrailingZeros(cap);
  }

  private static long mix(long key) {
    long h = key * 0x9E37_79B9_7F4A_7C15L;
    return h ^ (h >>> 29);
  }

  /** The id of {@code key}, adding it with the next id when new. */
  public int idOf(long key) {
    int mask = keys.length - 1;
    int slot = (int) (mix(key) >>> shift);
    while (true) {
      int id = ids[slot];
      if (id == 0) {
        return add(slot, key);
      }
      if (keys[slot] == key) {
        return id - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The id of {@code key}, or -1. */
  public int find(long key) {
    int mask = keys.length - 1;
    int slot = (int) (mix(key) >>> shift);
    while (true) {
      int id = ids[slot];
      if (id == 0) {
        return -1;
      }
      if (keys[slot] == key) {
        return id - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int add(int slot, long key) {
    int id = size++;
    keys[slot] = key;
    ids[slot] = id + 1;
    if (id == byId.length) {
      byId = Arrays.copyOf(byId, id * 2);
    }
    byId[id] = key;
    if (size * 2 > keys.length) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    int cap = keys.length * 2;
    keys = new long[cap];
    ids = new int[cap];
    shift--;
    int mask = cap - 1;
    for (int id = 0; id < size; id++) {
      long key = byId[id];
      int slot = (int) (mix(key) >>> shift);
      while (ids[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      ids[slot] = id + 1;
    }
  }

  public int size() {
    return size;
  }

  /** The key with id {@code id}. */
  public long key(int id) {
    return byId[id];
  }

  /** The keys in id order (a copy of the first {@link #size()} entries). */
  public long[] keys() {
    return Arrays.copyOf(byId, size);
  }
}
