package io.thermocline.engine.durability;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;

/**
 * A row's storage values as a hash key, for matching logged ended rows with rows on replay. Equal
 * rows are interchangeable, so value equality is all replay needs; doubles compare by their bits
 * ({@link Double#doubleToLongBits}: NaN equals NaN, -0.0 differs from 0.0), as the hot tier orders
 * them. {@link #hash(ColumnBatch, int)} gives a column batch's row the same hash without building
 * the key. Immutable.
 */
final class RowKey {
  private static final int NULL_HASH = 0x5bd1e995;
  private final Object[] values;
  private final int hash;

  RowKey(Object[] values) {
    this.values = values;
    this.hash = hash(values);
  }

  Object[] values() {
    return values;
  }

  static int hash(Object[] values) {
    int h = 1;
    for (Object v : values) {
      h = 31 * h + valueHash(v);
    }
    return h;
  }

  private static int valueHash(Object v) {
    if (v == null) {
      return NULL_HASH;
    }
    if (v instanceof Long l) {
      return Long.hashCode(l);
    }
    if (v instanceof Double d) {
      return Long.hashCode(Double.doubleToLongBits(d));
    }
    return v.hashCode();
  }

  /** The hash of row {@code r} of {@code b}, equal to that of its key; allocates nothing. */
  static int hash(ColumnBatch b, int r) {
    int h = 1;
    for (int c = 0; c < b.columnCount(); c++) {
      ColumnVector v = b.column(c);
      int vh;
      if (v.isNull(r)) {
        vh = NULL_HASH;
      } else if (v instanceof LongVector lv) {
        vh = Long.hashCode(lv.get(r));
      } else if (v instanceof DoubleVector dv) {
        vh = Long.hashCode(Double.doubleToLongBits(dv.get(r)));
      } else {
        vh = ((StringVector) v).get(r).hashCode();
      }
      h = 31 * h + vh;
    }
    return h;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RowKey other) || other.hash != hash) {
      return false;
    }
    Object[] a = values;
    Object[] b = other.values;
    if (a.length != b.length) {
      return false;
    }
    for (int c = 0; c < a.length; c++) {
      if (!same(a[c], b[c])) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(Object x, Object y) {
    if (x == null || y == null) {
      return x == y;
    }
    if (x instanceof Double dx && y instanceof Double dy) {
      return Double.doubleToLongBits(dx) == Double.doubleToLongBits(dy);
    }
    return x.equals(y);
  }
}
