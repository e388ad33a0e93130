package io.thermocline.common.batch;

import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.util.Arrays;

/**
 * Builds a {@link ColumnBatch} row by row from storage values (Long, Double, String, null). Strings
 * come out plain; tiers that have a dictionary build {@link StringVector#dictionary} themselves.
 * Single-threaded; {@link #build()} hands the arrays over, after which the builder starts empty.
 */
public final class BatchBuilder {
  private final Schema schema;
  private final Object[] arrays;
  private final long[][] nulls;
  private int size;
  private int capacity;

  public BatchBuilder(Schema schema, int initialCapacity) {
    this.schema = schema;
    this.capacity = Math.max(16, initialCapacity);
    this.arrays = new Object[schema.size()];
    this.nulls = new long[schema.size()][];
    reset();
  }

  private void reset() {
    for (int c = 0; c < arrays.length; c++) {
      arrays[c] =
          switch (schema.column(c).type().storage()) {
            case LONG -> new long[capacity];
            case DOUBLE -> new double[capacity];
            case STRING -> new String[capacity];
          };
      nulls[c] = null;
    }
    size = 0;
  }

  public int size() {
    return size;
  }

  /** Appends one row of storage values, in schema order. */
  public BatchBuilder add(Object... row) {
    if (size == capacity) {
      grow();
    }
    for (int c = 0; c < arrays.length; c++) {
      set(c, size, row[c]);
    }
    size++;
    return this;
  }

  private void set(int c, int r, Object v) {
    if (v == null) {
      if (nulls[c] == null) {
        nulls[c] = NullBitmap.allocate(capacity);
      }
      NullBitmap.set(nulls[c], r);
      return;
    }
    switch (schema.column(c).type().storage()) {
      case LONG -> ((long[]) arrays[c])[r] = (Long) v;
      case DOUBLE -> ((double[]) arrays[c])[r] = (Double) v;
      case STRING -> ((String[]) arrays[c])[r] = (String) v;
    }
  }

  private void grow() {
    capacity *= 2;
    for (int c = 0; c < arrays.length; c++) {
      arrays[c] =
          switch (schema.column(c).type().storage()) {
            case LONG -> Arrays.copyOf((long[]) arrays[c], capacity);
            case DOUBLE -> Arrays.copyOf((double[]) arrays[c], capacity);
            case STRING -> Arrays.copyOf((String[]) arrays[c], capacity);
          };
      if (nulls[c] != null) {
        nulls[c] = Arrays.copyOf(nulls[c], NullBitmap.words(capacity));
      }
    }
  }

  public ColumnBatch build() {
    ColumnVector[] vectors = new ColumnVector[arrays.length];
    for (int c = 0; c < arrays.length; c++) {
      DataType t = schema.column(c).type();
      vectors[c] =
          switch (t.storage()) {
            case LONG -> new LongVector(t, (long[]) arrays[c], size, nulls[c]);
            case DOUBLE -> new DoubleVector(t, (double[]) arrays[c], size, nulls[c]);
            case STRING -> StringVector.plain(t, (String[]) arrays[c], size, nulls[c]);
          };
    }
    ColumnBatch batch = new ColumnBatch(schema, size, vectors);
    reset();
    return batch;
  }
}
