package io.thermocline.hotstore.scan;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.StorageClass;
import io.thermocline.hotstore.delta.ChunkedRows;
import io.thermocline.hotstore.delta.DeltaChunk;
import io.thermocline.hotstore.delta.DeltaDictionary;
import io.thermocline.hotstore.main.DoubleDictionary;
import io.thermocline.hotstore.main.LongDictionary;
import io.thermocline.hotstore.main.MainColumn;
import io.thermocline.hotstore.main.StringDictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Copies selected rows of projected columns into fresh arrays and builds {@link ColumnBatch}es.
 * Main strings come out dictionary-encoded over the main's dictionary (no per-row String copy)
 * unless {@code plainStrings}; delta strings come out plain. A batch never mixes segments when
 * strings are dictionary-encoded: the caller flushes between segments. Single-threaded.
 */
final class BatchAssembler {
  private final Schema projected;
  private final int[] columns;
  private final StorageClass[] storage;
  private final boolean plainStrings;
  private int capacity;
  private Object[] arrays;
  private long[][] nulls;
  private String[][] stringDicts;
  private int size;

  BatchAssembler(Schema schema, int[] columns, int capacity, boolean plainStrings) {
    this.columns = columns;
    this.plainStrings = plainStrings;
    this.storage = new StorageClass[columns.length];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      storage[i] = schema.column(columns[i]).type().storage();
      names.add(schema.column(columns[i]).name());
    }
    this.projected = schema.project(names);
    this.capacity = Math.max(1, capacity);
    reset();
  }

  private void reset() {
    arrays = new Object[columns.length];
    nulls = new long[columns.length][];
    stringDicts = new String[columns.length][];
    size = 0;
  }

  private void allocate(int i, boolean dictionaryIds) {
    arrays[i] =
        switch (storage[i]) {
          case LONG -> new long[capacity];
          case DOUBLE -> new double[capacity];
          case STRING -> dictionaryIds ? new int[capacity] : new String[capacity];
        };
  }

  int size() {
    return size;
  }

  int room() {
    return capacity - size;
  }

  /** Makes room for {@code more} rows by growing (for unbounded assemblers). */
  void ensureRoom(int more) {
    if (size + more <= capacity) {
      return;
    }
    int cap = Math.max(capacity * 2, size + more);
    for (int i = 0; i < columns.length; i++) {
      Object a = arrays[i];
      if (a instanceof long[] l) {
        arrays[i] = Arrays.copyOf(l, cap);
      } else if (a instanceof double[] d) {
        arrays[i] = Arrays.copyOf(d, cap);
      } else if (a instanceof int[] ids) {
        arrays[i] = Arrays.copyOf(ids, cap);
      } else if (a instanceof String[] s) {
        arrays[i] = Arrays.copyOf(s, cap);
      }
      if (nulls[i] != null) {
        nulls[i] = Arrays.copyOf(nulls[i], (cap + 63) >>> 6);
      }
    }
    capacity = cap;
  }

  private void setNull(int i, int row) {
    if (nulls[i] == null) {
      nulls[i] = new long[(capacity + 63) >>> 6];
    }
    nulls[i][row >>> 6] |= 1L << row;
  }

  /** Appends rows {@code pos[from, to)} of the main block at {@code start} ({@code n} rows). */
  void appendMain(MainBlockIds blockIds, int start, int n, int[] pos, int from, int to) {
    for (int i = 0; i < columns.length; i++) {
      MainColumn col = blockIds.main().column(columns[i]);
      int[] ids = blockIds.ids(columns[i], start, n);
      int nullId = col.nullId();
      int o = size;
      if (arrays[i] == null) {
        allocate(i, !plainStrings);
      }
      Object a = arrays[i];
      if (a instanceof long[] out) {
        long[] dict = ((LongDictionary) col.dictionary()).values();
        for (int k = from; k < to; k++, o++) {
          int id = ids[pos[k]];
          if (id == nullId) {
            setNull(i, o);
          } else {
            out[o] = dict[id];
          }
        }
      } else if (a instanceof double[] out) {
        double[] dict = ((DoubleDictionary) col.dictionary()).values();
        for (int k = from; k < to; k++, o++) {
          int id = ids[pos[k]];
          if (id == nullId) {
            setNull(i, o);
          } else {
            out[o] = dict[id];
          }
        }
      } else if (a instanceof int[] out) {
        stringDicts[i] = ((StringDictionary) col.dictionary()).values();
        for (int k = from; k < to; k++, o++) {
          int id = ids[pos[k]];
          if (id == nullId) {
            setNull(i, o);
            out[o] = 0;
          } else {
            out[o] = id;
          }
        }
      } else {
        String[] out = (String[]) a;
        String[] dict = ((StringDictionary) col.dictionary()).values();
        for (int k = from; k < to; k++, o++) {
          int id = ids[pos[k]];
          if (id == nullId) {
            setNull(i, o);
          } else {
            out[o] = dict[id];
          }
        }
      }
    }
    size += to - from;
  }

  /** Appends rows {@code pos[from, to)} of the delta block at {@code start}. */
  void appendDelta(ChunkedRows delta, int start, int[] pos, int from, int to) {
    int off = start % DeltaChunk.ROWS;
    for (int i = 0; i < columns.length; i++) {
      int c = columns[i];
      DeltaChunk chunk = delta.chunk(start / DeltaChunk.ROWS, c);
      if (arrays[i] == null) {
        allocate(i, false);
      }
      Object a = arrays[i];
      int o = size;
      if (a instanceof long[] out) {
        long[] in = chunk.longs(c);
        for (int k = from; k < to; k++) {
          out[o++] = in[off + pos[k]];
        }
      } else if (a instanceof double[] out) {
        double[] in = chunk.doubles(c);
        for (int k = from; k < to; k++) {
          out[o++] = in[off + pos[k]];
        }
      } else {
        String[] out = (String[]) a;
        int[] in = chunk.ids(c);
        DeltaDictionary dict = delta.dictionary(c);
        long[] cn = chunk.nulls(c);
        for (int k = from; k < to; k++) {
          int r = off + pos[k];
          out[o++] = cn != null && (cn[r >>> 6] & (1L << r)) != 0 ? null : dict.get(in[r]);
        }
      }
      long[] cn = chunk.nulls(c);
      if (cn != null) {
        o = size;
        for (int k = from; k < to; k++, o++) {
          int r = off + pos[k];
          if ((cn[r >>> 6] & (1L << r)) != 0) {
            setNull(i, o);
          }
        }
      }
    }
    size += to - from;
  }

  /** The rows so far as a batch; the assembler starts empty again. */
  ColumnBatch build() {
    ColumnVector[] vectors = new ColumnVector[columns.length];
    for (int i = 0; i < columns.length; i++) {
      DataType t = projected.column(i).type();
      if (arrays[i] == null) {
        allocate(i, false);
      }
      Object a = arrays[i];
      if (a instanceof long[] l) {
        vectors[i] = new LongVector(t, l, size, nulls[i]);
      } else if (a instanceof double[] d) {
        vectors[i] = new DoubleVector(t, d, size, nulls[i]);
      } else if (a instanceof int[] ids) {
        vectors[i] = StringVector.dictionary(t, ids, stringDicts[i], size, nulls[i]);
      } else {
        vectors[i] = StringVector.plain(t, (String[]) a, size, nulls[i]);
      }
    }
    ColumnBatch batch = new ColumnBatch(projected, size, vectors);
    reset();
    return batch;
  }
}
