package io.thermocline.hotstore.series;

import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import io.thermocline.hotstore.bits.DoubleKeys;
import io.thermocline.hotstore.delta.ChunkedRows;
import io.thermocline.hotstore.delta.DeltaChunk;
import io.thermocline.hotstore.delta.DeltaDictionary;
import io.thermocline.hotstore.delta.DeltaStore;
import io.thermocline.hotstore.main.MainStore;
import io.thermocline.hotstore.merge.MainBuilder;
import io.thermocline.hotstore.merge.SurvivorMap;
import io.thermocline.hotstore.mvcc.MainVersions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;

/**
 * The series counterpart of {@link MainBuilder}: gathers the rows of the old main and a frozen
 * delta that survive (ended after {@code oldestLiveSnapshot}), sorts them by (series key, period),
 * encodes them into a {@link SeriesMain} and returns where every source row landed, so that ends
 * stamped during the build can be re-applied. Create ids at or before the oldest live snapshot
 * collapse to 0, as in a dictionary main. Reads sources the writer may still stamp ends on;
 * stateless.
 */
public final class SeriesMainBuilder {
  private SeriesMainBuilder() {}

  public static MainBuilder.Result build(
      String partition,
      Schema schema,
      SeriesLayout layout,
      MainStore old,
      DeltaStore delta,
      int deltaRows,
      long oldestLiveSnapshot,
      int parallelism) {
    int oldRows = old.rowCount();
    CollectedRows rows = new CollectedRows(schema, oldRows + deltaRows);
    int[] mainSource = new int[oldRows];
    int[] deltaSource = new int[deltaRows];
    collectMain(old, rows, mainSource, oldestLiveSnapshot);
    collect(delta, delta, deltaRows, rows, deltaSource, oldestLiveSnapshot, false);
    int n = rows.size;
    DeltaDictionary[] dictionaries = new DeltaDictionary[schema.size()];
    int[][] stringIds = new int[schema.size()][];
    for (int c = 0; c < schema.size(); c++) {
      if (rows.storage[c] == StorageClass.STRING) {
        String[] sorted = sortedDistinct(rows.strings[c], n);
        dictionaries[c] = DeltaDictionary.frozen(sorted);
        stringIds[c] = ids(rows.strings[c], n, sorted);
      }
    }
    int[] order = order(layout, rows, stringIds, n);
    int[] position = new int[n];
    for (int i = 0; i < n; i++) {
      position[order[i]] = i;
    }
    MainVersions versions = versions(rows, order, n, oldestLiveSnapshot);
    SeriesMain main =
        new SeriesEncoder(partition, schema, layout, rows, stringIds, dictionaries)
            .encode(order, parallelism);
    return new MainBuilder.Result(
        MainStore.ofSeries(main, versions),
        SurvivorMap.mapped(remap(mainSource, position)),
        SurvivorMap.mapped(remap(deltaSource, position)));
  }

  private static int[] remap(int[] source, int[] position) {
    for (int r = 0; r < source.length; r++) {
      if (source[r] >= 0) {
        source[r] = position[source[r]];
      }
    }
    return source;
  }

  private static void collectMain(MainStore old, CollectedRows rows, int[] source, long oldest) {
    int n = old.rowCount();
    MainVersions v = old.versions();
    if (old.series() != null) {
      collect(old.series().reader(v), null, n, rows, source, oldest, true);
      return;
    }
    for (int r = 0; r < n; r++) {
      long end = v.end(r);
      source[r] =
          end > oldest ? rows.appendMainRow(old, r, collapse(v.create(r), oldest), end) : -1;
    }
  }

  /**
   * Appends the survivors of {@code src} chunk by chunk; versions come from {@code delta} or, for a
   * series main, from the old main's versions through {@code src}'s chunk layout.
   */
  private static void collect(
      ChunkedRows src,
      DeltaStore delta,
      int n,
      CollectedRows rows,
      int[] source,
      long oldest,
      boolean fromMain) {
    MainVersions mv = null;
    if (fromMain) {
      mv = ((SeriesReader) src).versions();
    }
    int[] offsets = new int[DeltaChunk.ROWS];
    long[] cr = new long[DeltaChunk.ROWS];
    long[] en = new long[DeltaChunk.ROWS];
    for (int first = 0; first < n; first += DeltaChunk.ROWS) {
      int len = Math.min(DeltaChunk.ROWS, n - first);
      int k = 0;
      for (int o = 0; o < len; o++) {
        int r = first + o;
        long end = fromMain ? mv.end(r) : delta.end(r);
        if (end > oldest) {
          offsets[k] = o;
          cr[k] = collapse(fromMain ? mv.create(r) : delta.create(r), oldest);
          en[k] = end;
          k++;
        }
      }
      Arrays.fill(source, first, first + len, -1);
      if (k == 0) {
        continue;
      }
      int at = rows.appendChunk(src, first / DeltaChunk.ROWS, offsets, k, cr, en);
      for (int j = 0; j < k; j++) {
        source[first + offsets[j]] = at + j;
      }
    }
  }

  private static long collapse(long create, long oldest) {
    return create <= oldest ? 0 : create;
  }

  private static String[] sortedDistinct(String[] values, int n) {
    HashSet<String> distinct = new HashSet<>();
    for (int i = 0; i < n; i++) {
      if (values[i] != null) {
        distinct.add(values[i]);
      }
    }
    String[] sorted = distinct.toArray(new String[0]);
    Arrays.sort(sorted);
    return sorted;
  }

  private static int[] ids(String[] values, int n, String[] sorted) {
    HashMap<String, Integer> index = new HashMap<>(sorted.length * 2);
    for (int i = 0; i < sorted.length; i++) {
      index.put(sorted[i], i);
    }
    int[] out = new int[n];
    String last = null;
    int lastId = 0;
    for (int i = 0; i < n; i++) {
      String s = values[i];
      if (s == null) {
        continue;
      }
      // Series keys come in runs: one lookup per run, not per row.
      if (s != last) {
        lastId = index.get(s);
        last = s;
      }
      out[i] = lastId;
    }
    return out;
  }

  private static int[] order(SeriesLayout layout, CollectedRows rows, int[][] stringIds, int n) {
    int keys = layout.keyCount();
    long[][] values = new long[keys + 1][];
    long[][] nulls = new long[keys + 1][];
    for (int s = 0; s <= keys; s++) {
      int c = s < keys ? layout.keyColumn(s) : layout.periodColumn();
      nulls[s] = rows.nulls[c];
      values[s] =
          switch (rows.storage[c]) {
            case LONG -> rows.longs[c];
            case DOUBLE -> doubleKeys(rows.doubles[c], n);
            case STRING -> toLongs(stringIds[c], n);
          };
    }
    return new RowOrder(values, nulls).sorted(n);
  }

  private static long[] doubleKeys(double[] d, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = DoubleKeys.key(d[i]);
    }
    return out;
  }

  private static long[] toLongs(int[] ids, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = ids[i];
    }
    return out;
  }

  private static MainVersions versions(CollectedRows rows, int[] order, int n, long oldest) {
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < n; i++) {
      long c = rows.creates[i];
      if (c != 0) {
        min = Math.min(min, c);
        max = Math.max(max, c);
      }
    }
    MainVersions.Builder b = MainVersions.builder(n, max == 0 ? 0 : min, max);
    for (int i = 0; i < n; i++) {
      b.addCreate(rows.creates[order[i]]);
    }
    for (int i = 0; i < n; i++) {
      long e = rows.ends[order[i]];
      if (e != MainVersions.NOT_ENDED) {
        b.setEnd(i, e);
      }
    }
    return b.finish();
  }
}
