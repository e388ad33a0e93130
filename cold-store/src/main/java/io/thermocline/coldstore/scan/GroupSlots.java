package io.thermocline.coldstore.scan;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.scan.GroupKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns the selected rows of one batch to dense group slots, so aggregates accumulate into
 * primitive arrays and touch the boxed {@code AggregateResult} once per group and batch. Fast paths
 * for no key, one dictionary-encoded string key (slots by dictionary id) and one long key (an
 * open-addressing map); other keys build a list per row. Single-threaded, one batch.
 */
final class GroupSlots {
  final int[] slotOfRow;
  final List<List<Object>> keys = new ArrayList<>();

  private GroupSlots(int n) {
    slotOfRow = new int[n];
    Arrays.fill(slotOfRow, -1);
  }

  int count() {
    return keys.size();
  }

  static GroupSlots assign(ColumnBatch b, int[] rows, GroupKey[] groupKeys, int[] keyColumns) {
    GroupSlots s = new GroupSlots(b.rowCount());
    if (groupKeys.length == 0) {
      if (rows.length > 0) {
        s.keys.add(List.of());
        for (int r : rows) {
          s.slotOfRow[r] = 0;
        }
      }
      return s;
    }
    if (groupKeys.length == 1) {
      ColumnVector v = b.column(keyColumns[0]);
      if (v instanceof StringVector sv && sv.isDictionaryEncoded() && !groupKeys[0].isBucket()) {
        s.byDictionary(sv, rows);
        return s;
      }
      if (v instanceof LongVector lv) {
        s.byLong(lv, rows, groupKeys[0]);
        return s;
      }
    }
    s.byList(b, rows, groupKeys, keyColumns);
    return s;
  }

  private void byDictionary(StringVector v, int[] rows) {
    int[] slotOfId = new int[v.dictionary().length];
    Arrays.fill(slotOfId, -1);
    int nullSlot = -1;
    int[] ids = v.ids();
    for (int r : rows) {
      if (v.isNull(r)) {
        if (nullSlot < 0) {
          nullSlot = newSlot(Collections.singletonList(null));
        }
        slotOfRow[r] = nullSlot;
      } else {
        int id = ids[r];
        if (slotOfId[id] < 0) {
          slotOfId[id] = newSlot(List.of(v.dictionary()[id]));
        }
        slotOfRow[r] = slotOfId[id];
      }
    }
  }

  private void byLong(LongVector v, int[] rows, GroupKey key) {
    int cap = Integer.highestOneBit(Math.max(16, rows.length * 2 - 1)) << 1;
    long[] table = new long[cap];
    int[] slots = new int[cap];
    Arrays.fill(slots, -1);
    int nullSlot = -1;
    long[] a = v.values();
    for (int r : rows) {
      if (v.isNull(r)) {
        if (nullSlot < 0) {
          nullSlot = newSlot(Collections.singletonList(null));
        }
        slotOfRow[r] = nullSlot;
        continue;
      }
      long k = key.isBucket() ? key.bucket(a[r]) : a[r];
      int h = (int) (mix(k) & (cap - 1));
      while (slots[h] >= 0 && table[h] != k) {
        h = (h + 1) & (cap - 1);
      }
      if (slots[h] < 0) {
        table[h] = k;
        slots[h] = newSlot(List.of(k));
      }
      slotOfRow[r] = slots[h];
    }
  }

  private static long mix(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 32);
  }

  private void byList(ColumnBatch b, int[] rows, GroupKey[] groupKeys, int[] keyColumns) {
    Map<List<Object>, Integer> index = new HashMap<>();
    for (int r : rows) {
      Object[] k = new Object[groupKeys.length];
      for (int i = 0; i < k.length; i++) {
        Object v = b.column(keyColumns[i]).getObject(r);
        if (v != null && groupKeys[i].isBucket()) {
          v = groupKeys[i].bucket((Long) v);
        }
        k[i] = v;
      }
      List<Object> key = Arrays.asList(k);
      Integer slot = index.get(key);
      if (slot == null) {
        slot = newSlot(key);
        index.put(key, slot);
      }
      slotOfRow[r] = slot;
    }
  }

  private int newSlot(List<Object> key) {
    keys.add(key);
    return keys.size() - 1;
  }
}
