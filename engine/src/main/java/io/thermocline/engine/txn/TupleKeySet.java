package io.thermocline.engine.txn;

import io.thermocline.common.batch.ColumnBatch;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Primary keys of several columns, or of one DOUBLE or VARCHAR column, as a hash set of value lists
 * (storage values). Not thread-safe.
 */
final class TupleKeySet extends KeySet {
  private final Set<List<Object>> keys = new HashSet<>();

  TupleKeySet(int[] keyColumns, List<String> keyNames) {
    super(keyColumns, keyNames);
  }

  @Override
  public KeySet emptyCopy() {
    return new TupleKeySet(keyColumns, keyNames);
  }

  private List<Object> keyOf(Object[] row) {
    Object[] k = new Object[keyColumns.length];
    for (int i = 0; i < k.length; i++) {
      k[i] = row[keyColumns[i]];
    }
    return Arrays.asList(k);
  }

  private List<Object> keyOf(ColumnBatch batch, int row) {
    Object[] k = new Object[keyColumns.length];
    for (int i = 0; i < k.length; i++) {
      k[i] = batch.column(keyColumns[i]).getObject(row);
    }
    return Arrays.asList(k);
  }

  @Override
  public boolean add(Object[] row) {
    return keys.add(keyOf(row));
  }

  @Override
  public boolean add(ColumnBatch batch, int row) {
    return keys.add(keyOf(batch, row));
  }

  @Override
  public boolean contains(Object[] row) {
    return keys.contains(keyOf(row));
  }

  @Override
  public boolean contains(ColumnBatch batch, int row) {
    return keys.contains(keyOf(batch, row));
  }

  @Override
  public void addAll(KeySet other) {
    keys.addAll(((TupleKeySet) other).keys);
  }

  @Override
  public void removeAll(KeySet other) {
    keys.removeAll(((TupleKeySet) other).keys);
  }

  @Override
  public int size() {
    return keys.size();
  }
}
