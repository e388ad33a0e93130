package io.thermocline.sql.schema;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.type.DataType;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Streams an engine scan to Calcite row by row, converting storage values to Calcite's internal
 * values. The cursor (and with it the engine snapshot) is opened on the first {@link #moveNext} and
 * released by {@link #close}, which Calcite calls when the ResultSet closes. Single-threaded.
 */
final class CursorEnumerator implements Enumerator<Object[]> {
  private final Supplier<BatchCursor> open;
  private final DataType[] types;
  private BatchCursor cursor;
  private ColumnBatch batch;
  private ColumnVector[] vectors;
  private int row = -1;
  private Object[] current;
  private boolean done;

  CursorEnumerator(Supplier<BatchCursor> open, DataType[] types) {
    this.open = open;
    this.types = types;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (done) {
      return false;
    }
    if (cursor == null) {
      cursor = open.get();
    }
    while (batch == null || ++row >= batch.rowCount()) {
      batch = cursor.next();
      if (batch == null) {
        done = true;
        close();
        return false;
      }
      vectors = new ColumnVector[types.length];
      for (int i = 0; i < types.length; i++) {
        vectors[i] = batch.column(i);
      }
      row = -1;
    }
    Object[] out = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      out[i] =
          vectors[i].isNull(row)
              ? null
              : SqlTypeMapping.toInternal(types[i], vectors[i].getObject(row));
    }
    current = out;
    return true;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("an engine scan cannot be rewound");
  }

  @Override
  public void close() {
    if (cursor != null) {
      BatchCursor c = cursor;
      cursor = null;
      done = true;
      c.close();
    }
  }
}
