package io.thermocline.hotstore.delta;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import io.thermocline.hotstore.bits.Masks;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * An append-only delta: chunks of {@link DeltaChunk#ROWS} rows and a string dictionary per VARCHAR
 * column.
 *
 * <p>Concurrency: one writer (the partition's write lock) appends and stamps ends; any number of
 * readers read lock-free. The writer fills values, then publishes the chunk directory, then bumps
 * the volatile {@link #rowCount()}: a reader that reads the row count first sees every row below it
 * completely. Appends never copy values; only the directory of chunk references grows.
 */
public final class DeltaStore implements ChunkedRows {
  private final Schema schema;
  private final StorageClass[] storage;
  private final DeltaDictionary[] dictionaries;
  private volatile DeltaChunk[] chunks = new DeltaChunk[4];
  private volatile int rowCount;
  private volatile int chunkCount;

  public DeltaStore(Schema schema) {
    this.schema = schema;
    this.storage = new StorageClass[schema.size()];
    this.dictionaries = new DeltaDictionary[schema.size()];
    for (int c = 0; c < storage.length; c++) {
      storage[c] = schema.column(c).type().storage();
      if (storage[c] == StorageClass.STRING) {
        dictionaries[c] = new DeltaDictionary();
      }
    }
  }

  @Override
  public Schema schema() {
    return schema;
  }

  /** Rows visible to readers; read it before any chunk. */
  public int rowCount() {
    return rowCount;
  }

  public DeltaChunk chunk(int index) {
    return chunks[index];
  }

  @Override
  public DeltaChunk chunk(int index, int column) {
    return chunks[index];
  }

  @Override
  public DeltaDictionary dictionary(int column) {
    return dictionaries[column];
  }

  /** Writer only: appends a validated batch (columns in schema order, storage values). */
  public void append(long cid, ColumnBatch batch) {
    int start = rowCount;
    int n = batch.rowCount();
    ensureCapacity(start, n);
    for (int c = 0; c < storage.length; c++) {
      ColumnVector v = batch.column(c);
      int[] dictMap = null;
      for (int pos = 0; pos < n; ) {
        int row = start + pos;
        DeltaChunk chunk = chunks[row / DeltaChunk.ROWS];
        int off = row % DeltaChunk.ROWS;
        int len = Math.min(DeltaChunk.ROWS - off, n - pos);
        copyNulls(chunk, c, off, v.nulls(), pos, len);
        if (v instanceof LongVector lv) {
          System.arraycopy(lv.values(), pos, chunk.values[c], off, len);
        } else if (v instanceof DoubleVector dv) {
          System.arraycopy(dv.values(), pos, chunk.values[c], off, len);
        } else {
          dictMap = appendStrings((StringVector) v, c, chunk, off, pos, len, dictMap);
        }
        pos += len;
      }
    }
    stampCreates(start, n, cid);
    rowCount = start + n;
  }

  private int[] appendStrings(
      StringVector sv, int c, DeltaChunk chunk, int off, int pos, int len, int[] dictMap) {
    int[] ids = (int[]) chunk.values[c];
    DeltaDictionary dict = dictionaries[c];
    if (sv.isDictionaryEncoded()) {
      // Map each input dictionary entry once, not each row.
      int[] map = dictMap;
      if (map == null) {
        map = new int[sv.dictionary().length];
        Arrays.fill(map, -1);
      }
      int[] in = sv.ids();
      for (int i = 0; i < len; i++) {
        if (sv.isNull(pos + i)) {
          ids[off + i] = 0;
          continue;
        }
        int inId = in[pos + i];
        int id = map[inId];
        if (id < 0) {
          id = dict.idOf(sv.dictionary()[inId]);
          map[inId] = id;
        }
        ids[off + i] = id;
      }
      return map;
    }
    for (int i = 0; i < len; i++) {
      String s = sv.get(pos + i);
      if (s == null) {
        markNull(chunk, c, off + i);
        ids[off + i] = 0;
      } else {
        ids[off + i] = dict.idOf(s);
      }
    }
    return dictMap;
  }

  /** Writer only: appends validated storage rows (schema order). */
  public void appendRows(long cid, List<Object[]> rows) {
    int start = rowCount;
    int n = rows.size();
    ensureCapacity(start, n);
    for (int i = 0; i < n; i++) {
      Object[] r = rows.get(i);
      int row = start + i;
      DeltaChunk chunk = chunks[row / DeltaChunk.ROWS];
      int off = row % DeltaChunk.ROWS;
      for (int c = 0; c < storage.length; c++) {
        if (chunk.nulls[c] != null) {
          Masks.clearRange(chunk.nulls[c], off, 1);
        }
        Object v = r[c];
        if (v == null) {
          markNull(chunk, c, off);
          continue;
        }
        switch (storage[c]) {
          case LONG -> ((long[]) chunk.values[c])[off] = (Long) v;
          case DOUBLE -> ((double[]) chunk.values[c])[off] = (Double) v;
          case STRING -> ((int[]) chunk.values[c])[off] = dictionaries[c].idOf((String) v);
        }
      }
    }
    stampCreates(start, n, cid);
    rowCount = start + n;
  }

  private static void markNull(DeltaChunk chunk, int c, int off) {
    long[] nulls = chunk.nulls[c];
    if (nulls == null) {
      nulls = new long[DeltaChunk.ROWS / 64];
      chunk.nulls[c] = nulls;
    }
    nulls[off >>> 6] |= 1L << off;
  }

  private static void copyNulls(DeltaChunk chunk, int c, int off, long[] src, int pos, int len) {
    long[] dst = chunk.nulls[c];
    if (dst != null) {
      // Rows past the row count may hold bits of an append that failed half-way.
      Masks.clearRange(dst, off, len);
    }
    if (!Masks.anyInRange(src, pos, len)) {
      return;
    }
    if (dst == null) {
      dst = new long[DeltaChunk.ROWS / 64];
      chunk.nulls[c] = dst;
    }
    for (int i = 0; i < len; i++) {
      int s = pos + i;
      if ((src[s >>> 6] & (1L << s)) != 0) {
        int d = off + i;
        dst[d >>> 6] |= 1L << d;
      }
    }
  }

  private void stampCreates(int start, int n, long cid) {
    for (int pos = 0; pos < n; ) {
      int row = start + pos;
      int off = row % DeltaChunk.ROWS;
      int len = Math.min(DeltaChunk.ROWS - off, n - pos);
      chunks[row / DeltaChunk.ROWS].setCreates(off, len, cid);
      pos += len;
    }
  }

  private void ensureCapacity(int start, int n) {
    long end = (long) start + n;
    if (end > Integer.MAX_VALUE - DeltaChunk.ROWS) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "delta would exceed " + Integer.MAX_VALUE + " rows; merge the partition first");
    }
    int need = (int) ((end + DeltaChunk.ROWS - 1) / DeltaChunk.ROWS);
    DeltaChunk[] dir = chunks;
    if (need > dir.length) {
      dir = Arrays.copyOf(dir, Math.max(need, dir.length * 2));
    }
    int have = chunkCount;
    for (int i = have; i < need; i++) {
      dir[i] = new DeltaChunk(schema);
    }
    chunks = dir;
    chunkCount = Math.max(have, need);
  }

  public long create(int row) {
    return chunks[row / DeltaChunk.ROWS].create(row % DeltaChunk.ROWS);
  }

  public long end(int row) {
    return chunks[row / DeltaChunk.ROWS].end(row % DeltaChunk.ROWS);
  }

  /** Writer only: ends a row at {@code cid}. */
  public void setEnd(int row, long cid) {
    chunks[row / DeltaChunk.ROWS].setEnd(row % DeltaChunk.ROWS, cid);
  }

  /** Passes every row below the row count created at {@code cid} to {@code action}, in order. */
  public void forEachCreatedAt(long cid, IntConsumer action) {
    int rows = rowCount;
    for (int first = 0; first < rows; first += DeltaChunk.ROWS) {
      DeltaChunk chunk = chunks[first / DeltaChunk.ROWS];
      int n = Math.min(DeltaChunk.ROWS, rows - first);
      long[] cs = chunk.creates;
      if (cs == null) {
        if (chunk.uniformCreate == cid) {
          for (int o = 0; o < n; o++) {
            action.accept(first + o);
          }
        }
        continue;
      }
      for (int o = 0; o < n; o++) {
        if (cs[o] == cid) {
          action.accept(first + o);
        }
      }
    }
  }

  /** Passes every row below the row count ended at {@code cid} to {@code action}, in order. */
  public void forEachEndedAt(long cid, IntConsumer action) {
    int rows = rowCount;
    for (int first = 0; first < rows; first += DeltaChunk.ROWS) {
      long[] es = chunks[first / DeltaChunk.ROWS].ends;
      if (es == null) {
        continue;
      }
      int n = Math.min(DeltaChunk.ROWS, rows - first);
      for (int o = 0; o < n; o++) {
        if (es[o] == cid) {
          action.accept(first + o);
        }
      }
    }
  }

  /** Whether a column of a row is NULL. */
  public boolean isNull(int column, int row) {
    long[] nulls = chunks[row / DeltaChunk.ROWS].nulls[column];
    int off = row % DeltaChunk.ROWS;
    return nulls != null && (nulls[off >>> 6] & (1L << off)) != 0;
  }

  @Override
  public Object value(int column, int row) {
    if (isNull(column, row)) {
      return null;
    }
    DeltaChunk chunk = chunks[row / DeltaChunk.ROWS];
    int off = row % DeltaChunk.ROWS;
    return switch (storage[column]) {
      case LONG -> chunk.longs(column)[off];
      case DOUBLE -> chunk.doubles(column)[off];
      case STRING -> dictionaries[column].get(chunk.ids(column)[off]);
    };
  }

  /**
   * Sets bits {@code [0, n)} of {@code mask} for rows {@code [start, start + n)} visible at {@code
   * snapshot}; the range lies within one chunk and starts at a multiple of 64. Returns whether any
   * bit is set.
   */
  @Override
  public boolean visibility(int start, int n, long snapshot, long[] mask) {
    DeltaChunk chunk = chunks[start / DeltaChunk.ROWS];
    int off = start % DeltaChunk.ROWS;
    long[] cs = chunk.creates;
    long[] es = chunk.ends;
    if (cs == null) {
      if (chunk.uniformCreate > snapshot) {
        Masks.clear(mask, n);
        return false;
      }
      Masks.fillOnes(mask, n);
    }
    if (cs == null && es == null) {
      return n > 0;
    }
    long any = 0;
    for (int w = 0, words = Masks.words(n); w < words; w++) {
      long bits = 0;
      int lim = Math.min(64, n - (w << 6));
      int o = off + (w << 6);
      if (cs == null) {
        bits = mask[w];
      } else {
        for (int b = 0; b < lim; b++) {
          bits |= (cs[o + b] <= snapshot ? 1L : 0L) << b;
        }
      }
      if (es != null) {
        long keep = 0;
        for (int b = 0; b < lim; b++) {
          keep |= (es[o + b] > snapshot ? 1L : 0L) << b;
        }
        bits &= keep;
      }
      mask[w] = bits;
      any |= bits;
    }
    return any != 0;
  }

  /** Estimated heap bytes of one column's values, null bitmaps and dictionary. */
  public long columnBytes(int column) {
    int chunksNow = chunkCount;
    long b = 0;
    for (int i = 0; i < chunksNow; i++) {
      DeltaChunk ch = chunks[i];
      b += 16L + (storage[column] == StorageClass.STRING ? 4L : 8L) * DeltaChunk.ROWS;
      long[] n = ch.nulls[column];
      b += n == null ? 0 : 16L + 8L * n.length;
    }
    if (dictionaries[column] != null) {
      b += dictionaries[column].bytes();
    }
    return b;
  }

  /** Estimated heap bytes of the row versions and the chunk directory. */
  public long versionBytes() {
    int chunksNow = chunkCount;
    long b = 16L + 4L * chunks.length + 48L * chunksNow;
    for (int i = 0; i < chunksNow; i++) {
      b += chunks[i].versionBytes();
    }
    return b;
  }
}
