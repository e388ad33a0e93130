package io.thermocline.coldstore.scan;

import io.thermocline.common.batch.BatchBuilder;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.schema.Schema;
import java.util.List;

/**
 * Copies rows between columnar batches without boxing: selecting rows by bitmap, gathering them in
 * a given order, concatenating batches. Dictionary strings stay dictionary-encoded when the rows
 * come from one vector. Stateless.
 */
public final class BatchOps {
  private BatchOps() {}

  /** Positions of the set bits of {@code selection} among the first {@code n}. */
  public static int[] indexes(long[] selection, int n) {
    int[] out = new int[NullBitmap.cardinality(selection, n)];
    int k = 0;
    for (int w = 0; w < selection.length; w++) {
      long bits = selection[w];
      while (bits != 0) {
        int i = (w << 6) + Long.numberOfTrailingZeros(bits);
        if (i >= n) {
          break;
        }
        out[k++] = i;
        bits &= bits - 1;
      }
    }
    return out;
  }

  /**
   * The rows {@code rows} (in that order) of the columns {@code columns} of {@code batch}, as a
   * batch of {@code schema}.
   */
  public static ColumnBatch gather(ColumnBatch batch, int[] columns, int[] rows, Schema schema) {
    ColumnVector[] out = new ColumnVector[columns.length];
    for (int c = 0; c < columns.length; c++) {
      out[c] = gather(batch.column(columns[c]), rows);
    }
    return new ColumnBatch(schema, rows.length, out);
  }

  public static ColumnVector gather(ColumnVector v, int[] rows) {
    int n = rows.length;
    long[] nulls = null;
    if (v.hasNulls()) {
      long[] src = v.nulls();
      for (int i = 0; i < n; i++) {
        int r = rows[i];
        if ((src[r >>> 6] & (1L << r)) != 0) {
          if (nulls == null) {
            nulls = NullBitmap.allocate(n);
          }
          NullBitmap.set(nulls, i);
        }
      }
    }
    if (v instanceof LongVector lv) {
      long[] a = lv.values();
      long[] b = new long[n];
      for (int i = 0; i < n; i++) {
        b[i] = a[rows[i]];
      }
      return new LongVector(v.type(), b, n, nulls);
    }
    if (v instanceof DoubleVector dv) {
      double[] a = dv.values();
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        b[i] = a[rows[i]];
      }
      return new DoubleVector(v.type(), b, n, nulls);
    }
    StringVector sv = (StringVector) v;
    if (sv.isDictionaryEncoded()) {
      int[] a = sv.ids();
      int[] b = new int[n];
      for (int i = 0; i < n; i++) {
        b[i] = a[rows[i]];
      }
      return StringVector.dictionary(v.type(), b, sv.dictionary(), n, nulls);
    }
    String[] b = new String[n];
    for (int i = 0; i < n; i++) {
      b[i] = sv.get(rows[i]);
    }
    return StringVector.plain(v.type(), b, n, nulls);
  }

  /** All rows of {@code batches} (each of {@code schema}) as one batch, strings decoded. */
  public static ColumnBatch concat(List<ColumnBatch> batches, Schema schema) {
    if (batches.size() == 1) {
      return batches.get(0);
    }
    int total = 0;
    for (ColumnBatch b : batches) {
      total += b.rowCount();
    }
    ColumnVector[] out = new ColumnVector[schema.size()];
    for (int c = 0; c < out.length; c++) {
      long[] nulls = null;
      Object values =
          switch (schema.column(c).type().storage()) {
            case LONG -> new long[total];
            case DOUBLE -> new double[total];
            case STRING -> new String[total];
          };
      int at = 0;
      for (ColumnBatch b : batches) {
        ColumnVector v = b.column(c);
        int n = b.rowCount();
        if (v instanceof LongVector lv) {
          System.arraycopy(lv.values(), 0, values, at, n);
        } else if (v instanceof DoubleVector dv) {
          System.arraycopy(dv.values(), 0, values, at, n);
        } else {
          StringVector sv = (StringVector) v;
          String[] s = (String[]) values;
          for (int i = 0; i < n; i++) {
            s[at + i] = sv.get(i);
          }
        }
        if (v.hasNulls()) {
          if (nulls == null) {
            nulls = NullBitmap.allocate(total);
          }
          for (int i = 0; i < n; i++) {
            if (v.isNull(i)) {
              NullBitmap.set(nulls, at + i);
            }
          }
        }
        at += n;
      }
      out[c] =
          switch (schema.column(c).type().storage()) {
            case LONG -> new LongVector(schema.column(c).type(), (long[]) values, total, nulls);
            case DOUBLE ->
                new DoubleVector(schema.column(c).type(), (double[]) values, total, nulls);
            case STRING ->
                StringVector.plain(schema.column(c).type(), (String[]) values, total, nulls);
          };
    }
    return new ColumnBatch(schema, total, out);
  }

  /** Rows of storage values as a batch (for trickle rows and tests). */
  public static ColumnBatch fromRows(Schema schema, List<Object[]> rows) {
    BatchBuilder b = new BatchBuilder(schema, rows.size());
    for (Object[] r : rows) {
      b.add(r);
    }
    return b.build();
  }
}
