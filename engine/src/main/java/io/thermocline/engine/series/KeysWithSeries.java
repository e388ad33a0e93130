package io.thermocline.engine.series;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.txn.KeySet;

/**
 * The key index of a series table that also has a primary key: both sets, kept in step. A row is
 * refused when either refuses it. Known looseness: the committer asks {@code contains} and the
 * removal set's {@code contains} of the combined set, so a commit that deletes a row and inserts
 * another with the deleted row's primary key and an existing row's series element is not refused
 * here. Not thread-safe: used under the commit lock.
 */
final class KeysWithSeries extends KeySet {
  private final KeySet primary;
  private final SeriesKeySet series;

  KeysWithSeries(KeySet primary, SeriesKeySet series) {
    super(new int[0], java.util.List.of());
    this.primary = primary;
    this.series = series;
  }

  @Override
  public KeySet emptyCopy() {
    return new KeysWithSeries(primary.emptyCopy(), (SeriesKeySet) series.emptyCopy());
  }

  @Override
  public boolean add(Object[] row) {
    // Both sets take the row even if one refuses it: a removal set must stay complete.
    return primary.add(row) & series.add(row);
  }

  @Override
  public boolean add(ColumnBatch batch, int row) {
    Object[] r = batch.row(row);
    return primary.add(r) & series.add(r);
  }

  @Override
  public boolean contains(Object[] row) {
    return primary.contains(row) || series.contains(row);
  }

  @Override
  public boolean contains(ColumnBatch batch, int row) {
    return contains(batch.row(row));
  }

  @Override
  public void addAll(KeySet other) {
    KeysWithSeries o = (KeysWithSeries) other;
    primary.addAll(o.primary);
    series.addAll(o.series);
  }

  @Override
  public void removeAll(KeySet other) {
    KeysWithSeries o = (KeysWithSeries) other;
    primary.removeAll(o.primary);
    series.removeAll(o.series);
  }

  @Override
  public int size() {
    return primary.size();
  }

  @Override
  public String describe(Object[] row) {
    return primary.describe(row);
  }

  @Override
  public ThermoException duplicate(String table, ColumnBatch batch, int row) {
    return primary.contains(batch, row)
        ? primary.duplicate(table, batch, row)
        : series.duplicate(table, batch, row);
  }
}
