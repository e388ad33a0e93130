package io.thermocline.engine.table;

import io.thermocline.common.batch.BatchBuilder;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between row lists and column batches that the engine needs around the tiers: building
 * a batch from storage rows, gathering selected rows and columns, and padding a batch with an
 * all-NULL column (ADD COLUMN). Stateless.
 */
public final class RowBatches {
  private RowBatches() {}

  /** One batch of {@code schema} from storage rows. */
  public static ColumnBatch fromRows(Schema schema, List<Object[]> rows) {
    BatchBuilder b = new BatchBuilder(schema, rows.size());
    for (Object[] r : rows) {
      b.add(r);
    }
    return b.build();
  }

  /** Every row of every batch, as storage values. */
  public static List<Object[]> toRows(List<ColumnBatch> batches) {
    List<Object[]> out = new ArrayList<>();
    for (ColumnBatch b : batches) {
      out.addAll(b.rows());
    }
    return out;
  }

  public static long rowCount(List<ColumnBatch> batches) {
    long n = 0;
    for (ColumnBatch b : batches) {
      n += b.rowCount();
    }
    return n;
  }

  /**
   * The batch with an all-NULL column of {@code type} at {@code index} ({@code schema} is the
   * result's schema).
   */
  public static ColumnBatch withNullColumn(ColumnBatch batch, Schema schema, int index) {
    int n = batch.rowCount();
    ColumnVector[] v = new ColumnVector[batch.columnCount() + 1];
    for (int c = 0, src = 0; c < v.length; c++) {
      v[c] = c == index ? nullVector(schema.column(c).type(), n) : batch.column(src++);
    }
    return new ColumnBatch(schema, n, v);
  }

  /** A vector of {@code n} NULLs. */
  public static ColumnVector nullVector(DataType type, int n) {
    long[] nulls = NullBitmap.allocate(n);
    for (int i = 0; i < n; i++) {
      NullBitmap.set(nulls, i);
    }
    return switch (type.storage()) {
      case LONG -> new LongVector(type, new long[n], n, nulls);
      case DOUBLE -> new DoubleVector(type, new double[n], n, nulls);
      case STRING -> StringVector.plain(type, new String[n], n, nulls);
    };
  }

  /** A vector of {@code n} copies of a long value (the FALSE of an omitted aging flag). */
  public static ColumnVector constant(DataType type, long value, int n) {
    long[] values = new long[n];
    java.util.Arrays.fill(values, value);
    return new LongVector(type, values, n, null);
  }

  /** The batch with {@code vector} inserted as column {@code index} of {@code schema}. */
  public static ColumnBatch withColumn(
      ColumnBatch batch, Schema schema, int index, ColumnVector vector) {
    ColumnVector[] v = new ColumnVector[batch.columnCount() + 1];
    for (int c = 0, src = 0; c < v.length; c++) {
      v[c] = c == index ? vector : batch.column(src++);
    }
    return new ColumnBatch(schema, batch.rowCount(), v);
  }

  /** Rows {@code rows} (in order) and columns {@code columns} of a batch, as a new batch. */
  public static ColumnBatch gather(
      ColumnBatch batch, Schema out, int[] columns, int[] rows, int n) {
    BatchBuilder b = new BatchBuilder(out, n);
    Object[] values = new Object[columns.length];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < columns.length; c++) {
        values[c] = batch.column(columns[c]).getObject(rows[i]);
      }
      b.add(values);
    }
    return b.build();
  }
}
