package io.thermocline.timeseries.codec;

import java.util.Arrays;

/**
 * Counts distinct 64-bit symbols in one pass with open addressing, handing out dense ids in order
 * of first appearance. Replaces sort-and-search in the entropy coder's hot loop. Single-threaded;
 * one instance per encoding call.
 */
final class SymbolCounter {
  private long[] keys;
  private int[] ids;
  private boolean[] used;
  private long[] symbols;
  private long[] counts;
  private int size;
  private int mask;

  SymbolCounter(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    allocate(cap);
    symbols = new long[Math.max(16, expected)];
    counts = new long[symbols.length];
  }

  /** The id of {@code symbol}, counting one more occurrence. */
  int add(long symbol) {
    int slot = hash(symbol) & mask;
    while (used[slot]) {
      if (keys[slot] == symbol) {
        int id = ids[slot];
        counts[id]++;
        return id;
      }
      slot = (slot + 1) & mask;
    }
    int id = size++;
    used[slot] = true;
    keys[slot] = symbol;
    ids[slot] = id;
    if (id == symbols.length) {
      symbols = Arrays.copyOf(symbols, id * 2);
      counts = Arrays.copyOf(counts, id * 2);
    }
    symbols[id] = symbol;
    counts[id] = 1;
    if (size * 2 > keys.length) {
      rehash();
    }
    return id;
  }

  int size() {
    return size;
  }

  long symbol(int id) {
    return symbols[id];
  }

  long count(int id) {
    return counts[id];
  }

  private static int hash(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private void allocate(int cap) {
    keys = new long[cap];
    ids = new int[cap];
    used = new boolean[cap];
    mask = cap - 1;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    boolean[] oldUsed = used;
    allocate(oldKeys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldUsed[i]) {
        int slot = hash(oldKeys[i]) & mask;
        while (used[slot]) {
          slot = (slot + 1) & mask;
        }
        used[slot] = true;
        keys[slot] = oldKeys[i];
        ids[slot] = oldIds[i];
      }
    }
  }
}
