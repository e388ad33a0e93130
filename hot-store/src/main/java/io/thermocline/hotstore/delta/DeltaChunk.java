package io.thermocline.hotstore.delta;

import io.thermocline.common.schema.Schema;
import java.util.Arrays;

/**
 * {@link #ROWS} rows of a delta: one raw array per column (long[], double[], or int[] ids into the
 * column's {@link DeltaDictionary}), null bitmaps allocated per column on the first NULL, and row
 * versions: one create id for the whole chunk until a second one arrives (then an array), end ids
 * allocated on the first end. Arrays never move once allocated, so readers never see a
 * reallocation; the lazily allocated version arrays are published through volatile fields.
 */
public final class DeltaChunk {
  public static final int ROWS = 4096;

  final Object[] values;
  final long[][] nulls;
  long uniformCreate;
  volatile long[] creates;
  volatile long[] ends;

  /**
   * An empty chunk for {@code schema}: the scratch space a decoding {@link ChunkedRows} fills,
   * owned by one reader.
   */
  public static DeltaChunk scratch(Schema schema) {
    return new DeltaChunk(schema);
  }

  DeltaChunk(Schema schema) {
    values = new Object[schema.size()];
    nulls = new long[schema.size()][];
    for (int c = 0; c < values.length; c++) {
      values[c] =
          switch (schema.column(c).type().storage()) {
            case LONG -> new long[ROWS];
            case DOUBLE -> new double[ROWS];
            case STRING -> new int[ROWS];
          };
    }
  }

  /** Raw values of a LONG-stored column. Rows at or past the delta's row count are garbage. */
  public long[] longs(int column) {
    return (long[]) values[column];
  }

  public double[] doubles(int column) {
    return (double[]) values[column];
  }

  /** Ids into the column's {@link DeltaDictionary}. */
  public int[] ids(int column) {
    return (int[]) values[column];
  }

  /** The null bitmap of a column (64 words), or null when no row of the chunk is NULL there. */
  public long[] nulls(int column) {
    return nulls[column];
  }

  /** Scratch chunks only: the null bitmap of a column (64 words), or null for no NULL. */
  public void setNulls(int column, long[] bits) {
    nulls[column] = bits;
  }

  /** Writer only: stamps create id {@code cid} on rows {@code [from, from + n)}. */
  void setCreates(int from, int n, long cid) {
    long[] cs = creates;
    if (cs == null) {
      if (from == 0) {
        uniformCreate = cid;
        return;
      }
      if (uniformCreate == cid) {
        return;
      }
      cs = new long[ROWS];
      Arrays.fill(cs, 0, from, uniformCreate);
      Arrays.fill(cs, from, from + n, cid);
      creates = cs;
      return;
    }
    Arrays.fill(cs, from, from + n, cid);
  }

  public long create(int offset) {
    long[] cs = creates;
    return cs == null ? uniformCreate : cs[offset];
  }

  public long end(int offset) {
    long[] es = ends;
    return es == null ? Long.MAX_VALUE : es[offset];
  }

  /** Writer only. */
  void setEnd(int offset, long cid) {
    long[] es = ends;
    if (es == null) {
      es = new long[ROWS];
      Arrays.fill(es, Long.MAX_VALUE);
      es[offset] = cid;
      ends = es;
      return;
    }
    es[offset] = cid;
  }

  long versionBytes() {
    return (creates == null ? 0 : 16L + 8L * ROWS) + (ends == null ? 0 : 16L + 8L * ROWS);
  }
}
