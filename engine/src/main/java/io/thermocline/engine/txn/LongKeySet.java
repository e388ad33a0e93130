package io.thermocline.engine.txn;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.LongVector;
import java.util.List;

/**
 * Primary keys of one LONG-stored column (INTEGER, BIGINT, DATE, TIMESTAMP ...) in a {@link
 * LongHashSet}: no boxing, about 16 bytes per key. Not thread-safe.
 */
final class LongKeySet extends KeySet {
  private final LongHashSet keys = new LongHashSet(16);

  LongKeySet(int[] keyColumns, List<String> keyNames) {
    super(keyColumns, keyNames);
  }

  @Override
  public KeySet emptyCopy() {
    return new LongKeySet(keyColumns, keyNames);
  }

  private long keyOf(Object[] row) {
    return (Long) row[keyColumns[0]];
  }

  private long keyOf(ColumnBatch batch, int row) {
    return ((LongVector) batch.column(keyColumns[0])).get(row);
  }

  @Override
  public boolean add(Object[] row) {
    return addKey(keyOf(row));
  }

  @Override
  public boolean add(ColumnBatch batch, int row) {
    return addKey(keyOf(batch, row));
  }

  @Override
  public boolean contains(Object[] row) {
    return containsKey(keyOf(row));
  }

  @Override
  public boolean contains(ColumnBatch batch, int row) {
    return containsKey(keyOf(batch, row));
  }

  @Override
  public void addAll(KeySet other) {
    ((LongKeySet) other).keys.forEach(keys::add);
  }

  @Override
  public void removeAll(KeySet other) {
    ((LongKeySet) other).keys.forEach(keys::remove);
  }

  @Override
  public int size() {
    return keys.size();
  }

  @Override
  public List<String> fillColumns() {
    return keyNames;
  }

  @Override
  public void reserve(long n) {
    keys.ensureCapacity((int) Math.min(n, Integer.MAX_VALUE / 4));
  }

  /** Reads the key column's primitive array: no per-row call through the vector or boxing. */
  @Override
  public int addRows(ColumnBatch batch) {
    long[] values = ((LongVector) batch.column(0)).values();
    for (int r = 0, n = batch.rowCount(); r < n; r++) {
      if (!keys.add(values[r])) {
        return r;
      }
    }
    return -1;
  }

  @Override
  public String describeFilled(ColumnBatch batch, int row) {
    return "(" + keyNames.get(0) + ")=(" + ((LongVector) batch.column(0)).get(row) + ")";
  }

  boolean containsKey(long key) {
    return keys.contains(key);
  }

  boolean addKey(long key) {
    return keys.add(key);
  }

  boolean removeKey(long key) {
    return keys.remove(key);
  }
}
