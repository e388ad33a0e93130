package io.thermocline.hotstore.series;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import io.thermocline.hotstore.delta.ChunkedRows;
import io.thermocline.hotstore.delta.DeltaChunk;
import io.thermocline.hotstore.delta.DeltaDictionary;
import io.thermocline.hotstore.main.MainStore;

/**
 * The surviving rows of a merge's sources gathered column-wise into primitive arrays (strings by
 * reference, no copy), with their create and end ids, in source order. Single-threaded scratch of
 * one merge.
 */
final class CollectedRows {
  final Schema schema;
  final StorageClass[] storage;
  final long[][] longs;
  final double[][] doubles;
  final String[][] strings;
  final long[][] nulls;
  final long[] creates;
  final long[] ends;
  int size;

  CollectedRows(Schema schema, int capacity) {
    this.schema = schema;
    int cols = schema.size();
    storage = new StorageClass[cols];
    longs = new long[cols][];
    doubles = new double[cols][];
    strings = new String[cols][];
    nulls = new long[cols][];
    for (int c = 0; c < cols; c++) {
      storage[c] = schema.column(c).type().storage();
      switch (storage[c]) {
        case LONG -> longs[c] = new long[capacity];
        case DOUBLE -> doubles[c] = new double[capacity];
        case STRING -> strings[c] = new String[capacity];
      }
    }
    creates = new long[capacity];
    ends = new long[capacity];
  }

  boolean isNull(int column, int row) {
    return nulls[column] != null && NullBitmap.get(nulls[column], row);
  }

  private void setNull(int column, int row) {
    if (nulls[column] == null) {
      nulls[column] = NullBitmap.allocate(creates.length);
    }
    NullBitmap.set(nulls[column], row);
  }

  /**
   * Appends rows {@code offsets[0, k)} of chunk {@code index} of {@code src}, with their versions;
   * returns the index of the first appended row.
   */
  int appendChunk(ChunkedRows src, int index, int[] offsets, int k, long[] cr, long[] en) {
    int first = size;
    for (int c = 0; c < storage.length; c++) {
      DeltaChunk ch = src.chunk(index, c);
      long[] cn = ch.nulls(c);
      int o = first;
      switch (storage[c]) {
        case LONG -> {
          long[] in = ch.longs(c);
          for (int j = 0; j < k; j++) {
            longs[c][o + j] = in[offsets[j]];
          }
        }
        case DOUBLE -> {
          double[] in = ch.doubles(c);
          for (int j = 0; j < k; j++) {
            doubles[c][o + j] = in[offsets[j]];
          }
        }
        case STRING -> {
          int[] in = ch.ids(c);
          DeltaDictionary dict = src.dictionary(c);
          for (int j = 0; j < k; j++) {
            boolean isNull = cn != null && NullBitmap.get(cn, offsets[j]);
            strings[c][o + j] = isNull ? null : dict.get(in[offsets[j]]);
          }
        }
      }
      if (cn != null) {
        for (int j = 0; j < k; j++) {
          if (NullBitmap.get(cn, offsets[j])) {
            setNull(c, o + j);
          }
        }
      }
    }
    System.arraycopy(cr, 0, creates, first, k);
    System.arraycopy(en, 0, ends, first, k);
    size += k;
    return first;
  }

  /** Appends one row of a dictionary main (the empty main a series partition starts with). */
  int appendMainRow(MainStore main, int row, long create, long end) {
    int o = size;
    for (int c = 0; c < storage.length; c++) {
      Object v = main.column(c).value(row);
      if (v == null) {
        setNull(c, o);
        continue;
      }
      switch (storage[c]) {
        case LONG -> longs[c][o] = (Long) v;
        case DOUBLE -> doubles[c][o] = (Double) v;
        case STRING -> strings[c][o] = (String) v;
      }
    }
    creates[o] = create;
    ends[o] = end;
    size++;
    return o;
  }
}
