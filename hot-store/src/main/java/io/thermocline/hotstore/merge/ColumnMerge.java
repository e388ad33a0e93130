package io.thermocline.hotstore.merge;

import io.thermocline.common.schema.Column;
import io.thermocline.common.type.StorageClass;
import io.thermocline.hotstore.bits.DoubleKeys;
import io.thermocline.hotstore.bits.LongToIdHash;
import io.thermocline.hotstore.delta.DeltaChunk;
import io.thermocline.hotstore.delta.DeltaDictionary;
import io.thermocline.hotstore.delta.DeltaStore;
import io.thermocline.hotstore.main.DoubleDictionary;
import io.thermocline.hotstore.main.LongDictionary;
import io.thermocline.hotstore.main.MainColumn;
import io.thermocline.hotstore.main.NumericDictionary;
import io.thermocline.hotstore.main.SortedDictionary;
import io.thermocline.hotstore.main.StringDictionary;
import java.util.Arrays;

/**
 * Merges one column: the surviving old-main rows and frozen-delta rows become a new sorted
 * dictionary and re-packed ids. Only distinct values are sorted: delta values are first numbered by
 * a primitive hash (or, for LONG values in a small range, by direct indexing), the old dictionary
 * is already sorted, and the two sorted lists are merged. When the old ids keep their numbers (new
 * values all sort after the old ones, as with timestamps) the old packed words are copied whole.
 * Single-threaded; several columns may merge in parallel.
 */
final class ColumnMerge {
  private static final int SKIP = -2;
  private static final long DENSE_RANGE_LIMIT = 1L << 24;

  private final Column column;
  private final int index;
  private final MainColumn old;
  private final SurvivorMap mainRows;
  private final DeltaStore delta;
  private final SurvivorMap deltaRows;

  ColumnMerge(
      Column column,
      int index,
      MainColumn old,
      SurvivorMap mainRows,
      DeltaStore delta,
      SurvivorMap deltaRows) {
    this.column = column;
    this.index = index;
    this.old = old;
    this.mainRows = mainRows;
    this.delta = delta;
    this.deltaRows = deltaRows;
  }

  MainColumn merge() {
    return column.type().storage() == StorageClass.STRING ? mergeStrings() : mergeNumbers();
  }

  /** Old ids still referenced by a surviving row (all of them when nothing is dropped). */
  private boolean[] usedOldIds() {
    int size = old.dictionary().size();
    boolean[] used = new boolean[size];
    if (!mainRows.dropsAny()) {
      Arrays.fill(used, true);
      return used;
    }
    int[] ids = new int[4096];
    for (int start = 0; start < mainRows.rows(); start += ids.length) {
      int n = Math.min(ids.length, mainRows.rows() - start);
      old.unpackIds(start, n, ids);
      for (int i = 0; i < n; i++) {
        if (ids[i] < size && mainRows.survives(start + i)) {
          used[ids[i]] = true;
        }
      }
    }
    return used;
  }

  private boolean oldSurvivorsHaveNulls() {
    if (!old.hasNulls()) {
      return false;
    }
    for (int r = 0; r < mainRows.rows(); r++) {
      if (old.isNull(r) && mainRows.survives(r)) {
        return true;
      }
    }
    return false;
  }

  private MainColumn mergeNumbers() {
    boolean isDouble = column.type().storage() == StorageClass.DOUBLE;
    int n = deltaRows.rows();
    int[] deltaIds = new int[n];
    boolean[] deltaNull = {false};
    long[] sortedDelta = numberDelta(isDouble, deltaIds, deltaNull);
    NumericDictionary oldDict = (NumericDictionary) old.dictionary();
    boolean[] used = usedOldIds();
    int oldSize = used.length;
    long[] merged = new long[oldSize + sortedDelta.length];
    int[] oldRemap = new int[oldSize + 1];
    int[] deltaRemap = new int[sortedDelta.length];
    int size = 0;
    int i = 0;
    int j = 0;
    while (i < oldSize || j < sortedDelta.length) {
      if (i < oldSize && !used[i]) {
        i++;
        continue;
      }
      long a = i < oldSize ? oldDict.key(i) : 0;
      long b = j < sortedDelta.length ? sortedDelta[j] : 0;
      if (j >= sortedDelta.length || (i < oldSize && a < b)) {
        merged[size] = a;
        oldRemap[i++] = size++;
      } else if (i >= oldSize || b < a) {
        merged[size] = b;
        deltaRemap[j++] = size++;
      } else {
        merged[size] = a;
        oldRemap[i++] = size;
        deltaRemap[j++] = size++;
      }
    }
    SortedDictionary dict;
    if (isDouble) {
      double[] values = new double[size];
      for (int k = 0; k < size; k++) {
        values[k] = DoubleKeys.value(merged[k]);
      }
      dict = new DoubleDictionary(values);
    } else {
      dict = new LongDictionary(size == merged.length ? merged : Arrays.copyOf(merged, size));
    }
    oldRemap[oldSize] = size;
    for (int r = 0; r < n; r++) {
      int t = deltaIds[r];
      deltaIds[r] = t == SKIP ? SKIP : t < 0 ? size : deltaRemap[t];
    }
    return pack(dict, oldRemap, deltaIds, deltaNull[0] || oldSurvivorsHaveNulls());
  }

  /**
   * Numbers the surviving delta values: {@code ids[r]} becomes the value's rank among the sorted
   * distinct delta keys (returned), -1 for NULL, {@link #SKIP} for a dropped row.
   */
  private long[] numberDelta(boolean isDouble, int[] ids, boolean[] sawNull) {
    classifyAll(ids, sawNull);
    if (isDouble) {
      long[] sorted = numberDecimals(ids);
      return sorted != null ? sorted : numberByHash(true, ids);
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int start = 0; start < ids.length; start += DeltaChunk.ROWS) {
      long[] longs = delta.chunk(start / DeltaChunk.ROWS).longs(index);
      for (int o = 0, len = Math.min(DeltaChunk.ROWS, ids.length - start); o < len; o++) {
        if (ids[start + o] == 0) {
          min = Math.min(min, longs[o]);
          max = Math.max(max, longs[o]);
        }
      }
    }
    if (min <= max && max - min >= 0 && max - min < denseLimit(ids.length)) {
      return numberDense(ids, min, (int) (max - min + 1), null);
    }
    return numberByHash(false, ids);
  }

  private static long denseLimit(int rows) {
    return Math.min(DENSE_RANGE_LIMIT, Math.max(1024L, 2L * rows));
  }

  /** Sets {@code ids[r]} to 0 (surviving, non-NULL), -1 (NULL) or SKIP, chunk by chunk. */
  private void classifyAll(int[] ids, boolean[] sawNull) {
    for (int start = 0; start < ids.length; start += DeltaChunk.ROWS) {
      long[] nulls = delta.chunk(start / DeltaChunk.ROWS).nulls(index);
      for (int o = 0, len = Math.min(DeltaChunk.ROWS, ids.length - start); o < len; o++) {
        int r = start + o;
        if (!deltaRows.survives(r)) {
          ids[r] = SKIP;
        } else if (nulls != null && (nulls[o >>> 6] & (1L << o)) != 0) {
          ids[r] = -1;
          sawNull[0] = true;
        } else {
          ids[r] = 0;
        }
      }
    }
  }

  /**
   * Dense numbering of values in {@code [min, min + range)}: a presence pass, ranks in value order,
   * then a lookup per row. {@code scaled} holds the values for doubles (scaled decimals) or is null
   * for longs (read from the chunks). No hashing and no sorting.
   */
  private long[] numberDense(int[] ids, long min, int range, int[] scaled) {
    int[] rankOf = new int[range];
    for (int start = 0; start < ids.length; start += DeltaChunk.ROWS) {
      long[] longs = scaled == null ? delta.chunk(start / DeltaChunk.ROWS).longs(index) : null;
      for (int o = 0, len = Math.min(DeltaChunk.ROWS, ids.length - start); o < len; o++) {
        if (ids[start + o] == 0) {
          long v = scaled == null ? longs[o] : scaled[start + o];
          rankOf[(int) (v - min)] = 1;
        }
      }
    }
    int distinct = 0;
    for (int v = 0; v < range; v++) {
      if (rankOf[v] != 0) {
        rankOf[v] = ++distinct;
      }
    }
    long[] values = new long[distinct];
    for (int v = 0; v < range; v++) {
      if (rankOf[v] != 0) {
        values[rankOf[v] - 1] = min + v;
      }
    }
    for (int start = 0; start < ids.length; start += DeltaChunk.ROWS) {
      long[] longs = scaled == null ? delta.chunk(start / DeltaChunk.ROWS).longs(index) : null;
      for (int o = 0, len = Math.min(DeltaChunk.ROWS, ids.length - start); o < len; o++) {
        int r = start + o;
        if (ids[r] == 0) {
          long v = scaled == null ? longs[o] : scaled[r];
          ids[r] = rankOf[(int) (v - min)] - 1;
        }
      }
    }
    return values;
  }

  /**
   * Most stored doubles are decimals with few digits (prices, sensor readings). When every value
   * equals {@code s / 10^e} exactly for an integer {@code s} in a small range (checked bit for bit,
   * so -0.0 and NaN fail), the scaled integers are numbered densely instead of hashed, as ALP
   * encodes such doubles. Returns null when the column does not qualify.
   */
  private long[] numberDecimals(int[] ids) {
    int e = decimalExponent(ids);
    if (e < 0) {
      return null;
    }
    double p = POW10[e];
    int[] scaled = new int[ids.length];
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int start = 0; start < ids.length; start += DeltaChunk.ROWS) {
      double[] doubles = delta.chunk(start / DeltaChunk.ROWS).doubles(index);
      for (int o = 0, len = Math.min(DeltaChunk.ROWS, ids.length - start); o < len; o++) {
        int r = start + o;
        if (ids[r] != 0) {
          continue;
        }
        double d = doubles[o];
        double x = Math.rint(d * p);
        if (!(Math.abs(x) < 1e9)
            || Double.doubleToRawLongBits(x / p) != Double.doubleToRawLongBits(d)) {
          return null;
        }
        int s = (int) x;
        scaled[r] = s;
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
    }
    if (min > max || (long) max - min >= denseLimit(ids.length)) {
      return null;
    }
    long[] values = numberDense(ids, min, max - min + 1, scaled);
    for (int i = 0; i < values.length; i++) {
      values[i] = DoubleKeys.key(values[i] / p);
    }
    return values;
  }

  private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

  /** The smallest decimal exponent that fits a sample of the values, or -1. */
  private int decimalExponent(int[] ids) {
    double[] sample = new double[256];
    int k = 0;
    for (int r = 0; r < ids.length && k < sample.length; r += 1 + ids.length / 4096) {
      if (ids[r] == 0) {
        sample[k++] = delta.chunk(r / DeltaChunk.ROWS).doubles(index)[r % DeltaChunk.ROWS];
      }
    }
    for (int e = 0; e < POW10.length; e++) {
      boolean fits = true;
      for (int i = 0; i < k && fits; i++) {
        double x = Math.rint(sample[i] * POW10[e]);
        fits =
            Math.abs(x) < 1e9
                && Double.doubleToRawLongBits(x / POW10[e])
                    == Double.doubleToRawLongBits(sample[i]);
      }
      if (fits) {
        return e;
      }
    }
    return -1;
  }

  /** Numbers surviving values by a primitive hash, then ranks them by sorting the distinct keys. */
  private long[] numberByHash(boolean isDouble, int[] ids) {
    int n = ids.length;
    LongToIdHash hash = new LongToIdHash(1024);
    long lastKey = 0;
    int lastId = -1;
    for (int start = 0; start < n; start += DeltaChunk.ROWS) {
      DeltaChunk chunk = delta.chunk(start / DeltaChunk.ROWS);
      int len = Math.min(DeltaChunk.ROWS, n - start);
      long[] longs = isDouble ? null : chunk.longs(index);
      double[] doubles = isDouble ? chunk.doubles(index) : null;
      for (int o = 0; o < len; o++) {
        int r = start + o;
        if (ids[r] != 0) {
          continue;
        }
        long key = isDouble ? DoubleKeys.key(doubles[o]) : longs[o];
        if (lastId < 0 || key != lastKey) {
          lastId = hash.idOf(key);
          lastKey = key;
        }
        ids[r] = lastId;
      }
    }
    long[] firstSeen = hash.keys();
    long[] sorted = firstSeen.clone();
    Arrays.sort(sorted);
    int[] rank = new int[firstSeen.length];
    for (int t = 0; t < rank.length; t++) {
      rank[t] = Arrays.binarySearch(sorted, firstSeen[t]);
    }
    for (int r = 0; r < n; r++) {
      if (ids[r] >= 0) {
        ids[r] = rank[ids[r]];
      }
    }
    return sorted;
  }

  private MainColumn mergeStrings() {
    DeltaDictionary dd = delta.dictionary(index);
    int n = deltaRows.rows();
    int[] deltaIds = new int[n];
    boolean[] sawNull = {false};
    boolean[] usedDelta = new boolean[dd.size()];
    int usedCount = 0;
    classifyAll(deltaIds, sawNull);
    for (int start = 0; start < n; start += DeltaChunk.ROWS) {
      int[] chunkIds = delta.chunk(start / DeltaChunk.ROWS).ids(index);
      for (int o = 0, len = Math.min(DeltaChunk.ROWS, n - start); o < len; o++) {
        if (deltaIds[start + o] != 0) {
          continue;
        }
        int id = chunkIds[o];
        deltaIds[start + o] = id;
        if (!usedDelta[id]) {
          usedDelta[id] = true;
          usedCount++;
        }
      }
    }
    String[] sortedDelta = new String[usedCount];
    int k = 0;
    for (int id = 0; id < usedDelta.length; id++) {
      if (usedDelta[id]) {
        sortedDelta[k++] = dd.get(id);
      }
    }
    Arrays.sort(sortedDelta);
    StringDictionary oldDict = (StringDictionary) old.dictionary();
    boolean[] used = usedOldIds();
    int oldSize = used.length;
    String[] merged = new String[oldSize + usedCount];
    int[] oldRemap = new int[oldSize + 1];
    int[] deltaRemap = new int[usedCount];
    int size = 0;
    int i = 0;
    int j = 0;
    while (i < oldSize || j < usedCount) {
      if (i < oldSize && !used[i]) {
        i++;
        continue;
      }
      int cmp = i >= oldSize ? 1 : j >= usedCount ? -1 : oldDict.get(i).compareTo(sortedDelta[j]);
      if (cmp < 0) {
        merged[size] = oldDict.get(i);
        oldRemap[i++] = size++;
      } else if (cmp > 0) {
        merged[size] = sortedDelta[j];
        deltaRemap[j++] = size++;
      } else {
        merged[size] = oldDict.get(i);
        oldRemap[i++] = size;
        deltaRemap[j++] = size++;
      }
    }
    oldRemap[oldSize] = size;
    int[] newIdOfDeltaId = new int[usedDelta.length];
    for (int id = 0; id < usedDelta.length; id++) {
      if (usedDelta[id]) {
        newIdOfDeltaId[id] = deltaRemap[Arrays.binarySearch(sortedDelta, dd.get(id))];
      }
    }
    for (int r = 0; r < n; r++) {
      int t = deltaIds[r];
      deltaIds[r] = t == SKIP ? SKIP : t < 0 ? size : newIdOfDeltaId[t];
    }
    StringDictionary dict =
        new StringDictionary(size == merged.length ? merged : Arrays.copyOf(merged, size));
    return pack(dict, oldRemap, deltaIds, sawNull[0] || oldSurvivorsHaveNulls());
  }

  private MainColumn pack(SortedDictionary dict, int[] oldRemap, int[] deltaIds, boolean hasNulls) {
    int rows = mainRows.survivors() + deltaRows.survivors();
    MainColumn.Builder b = MainColumn.builder(column, dict, rows, hasNulls);
    int[] buf = new int[4096];
    boolean copied =
        !mainRows.dropsAny() && isIdentity(oldRemap) && b.tryCopyPrefix(old, old.rowCount());
    if (!copied) {
      for (int start = 0; start < mainRows.rows(); start += buf.length) {
        int n = Math.min(buf.length, mainRows.rows() - start);
        old.unpackIds(start, n, buf);
        int k = 0;
        for (int i = 0; i < n; i++) {
          if (mainRows.survives(start + i)) {
            buf[k++] = oldRemap[buf[i]];
          }
        }
        b.add(buf, k);
      }
    }
    int k = 0;
    for (int id : deltaIds) {
      if (id != SKIP) {
        buf[k++] = id;
        if (k == buf.length) {
          b.add(buf, k);
          k = 0;
        }
      }
    }
    b.add(buf, k);
    return b.finish();
  }

  private static boolean isIdentity(int[] remap) {
    for (int i = 0; i < remap.length - 1; i++) {
      if (remap[i] != i) {
        return false;
      }
    }
    return true;
  }
}
