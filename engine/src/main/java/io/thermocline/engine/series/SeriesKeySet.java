package io.thermocline.engine.series;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.engine.txn.KeySet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The (series key, period) pairs of a series table at the latest committed state, across both
 * tiers; the committer checks every inserted row against it as it checks primary keys, so a second
 * element for one key and period is refused whether it comes in the same statement, the same commit
 * or meets a row already in the table (hot or cold).
 *
 * <p>With MISSING ELEMENTS NOT ALLOWED a series must stay gap-free as it grows: an element a commit
 * inserts must be next to one on the grid that the series already has or that the commit inserted
 * before it, unless the series is still empty. Appends (and prepends) in period order pass; a
 * commit that would start a second island of a series is refused. Deletes are not checked: they may
 * shorten a series from either end or cut it.
 *
 * <p>Periods of one key are a bitmap over the grid (about 0.14 bytes per element of a gap-free
 * series) or, without a grid, a primitive hash set (about 16 bytes per element). Not thread-safe:
 * used under the commit lock (the table's set) or by one commit (its staging copies).
 */
public final class SeriesKeySet extends KeySet {
  private final String table;
  private final Schema schema;
  private final SeriesSpec spec;
  private final int[] seriesColumns;
  private final int periodColumn;
  private final long step;
  private final boolean gapFree;
  private final PeriodGrid grid;
  private final SeriesKeySet table_;
  private final Map<List<Object>, PeriodSet> series = new HashMap<>();
  private final Object[] lastKey;
  private final Object[] scratch;
  private PeriodSet lastSet;
  private long size;
  private String rejectedKey;
  private long rejectedPeriod;
  private String rejection;

  private SeriesKeySet(
      String table,
      Schema schema,
      SeriesSpec spec,
      int[] cols,
      List<String> names,
      SeriesKeySet t) {
    super(cols, names);
    this.table = table;
    this.schema = schema;
    this.spec = spec;
    this.seriesColumns = Arrays.copyOf(cols, cols.length - 1);
    this.periodColumn = cols[cols.length - 1];
    this.grid = new PeriodGrid(spec, schema);
    this.step = grid.step();
    this.gapFree = !spec.missingAllowed() && step > 0;
    this.table_ = t;
    this.lastKey = new Object[seriesColumns.length];
    this.scratch = new Object[seriesColumns.length];
  }

  /** The empty set of a series table's (key, period) pairs. */
  public static SeriesKeySet of(String table, Schema schema, SeriesSpec spec) {
    List<String> names = new ArrayList<>(spec.seriesKey());
    names.add(spec.periodColumn());
    int[] cols = new int[names.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = schema.indexOf(names.get(i));
    }
    return new SeriesKeySet(table, schema, spec, cols, names, null);
  }

  @Override
  public KeySet emptyCopy() {
    // Each commit starts with copies of the table's set: an old refusal reason is stale now.
    rejection = null;
    return new SeriesKeySet(
        table, schema, spec, keyColumns, keyNames, table_ == null ? this : table_);
  }

  /** The period set of the row's series key; null when absent and {@code create} is false. */
  private PeriodSet setOf(Object[] keyValues, boolean create) {
    if (lastSet != null && Arrays.equals(lastKey, keyValues)) {
      return lastSet;
    }
    List<Object> key = Arrays.asList(keyValues.clone());
    PeriodSet s = series.get(key);
    if (s == null && create) {
      s = step > 0 ? new GridPeriods(grid.origin(), step) : new HashPeriods();
      series.put(key, s);
    }
    if (s != null) {
      System.arraycopy(keyValues, 0, lastKey, 0, lastKey.length);
      lastSet = s;
    }
    return s;
  }

  /** The row's series key in the scratch array (valid until the next call). */
  private Object[] keyValues(Object[] row) {
    for (int i = 0; i < scratch.length; i++) {
      scratch[i] = row[seriesColumns[i]];
    }
    return scratch;
  }

  private Object[] keyValues(ColumnBatch batch, int row) {
    for (int i = 0; i < scratch.length; i++) {
      scratch[i] = batch.column(seriesColumns[i]).getObject(row);
    }
    return scratch;
  }

  private boolean has(Object[] keyValues, long t) {
    PeriodSet s = setOf(keyValues, false);
    return s != null && s.contains(t);
  }

  private int countOf(Object[] keyValues) {
    PeriodSet s = setOf(keyValues, false);
    return s == null ? 0 : s.size();
  }

  @Override
  public boolean add(Object[] row) {
    return add(keyValues(row), (Long) row[periodColumn], row, null, 0);
  }

  /**
   * Adds the element; the full row ({@code row}, or row {@code r} of {@code batch}) only for
   * errors.
   */
  private boolean add(Object[] k, long t, Object[] row, ColumnBatch batch, int r) {
    if (!setOf(k, true).add(t)) {
      if (table_ == null) {
        // Only the open fills the table's own set (commits add to copies): rows written before
        // series were checked may hold a duplicate, and must not keep the database from opening.
        return true;
      }
      reject(
          row != null ? row : batch.row(r),
          t,
          "already has an element at " + grid.show(t) + " in this commit");
      return false;
    }
    size++;
    if (gapFree && table_ != null && !extendsSeries(k, t)) {
      // Kept in the set: a refused add must still be removed if this is a removal set.
      reject(
          row != null ? row : batch.row(r),
          t,
          "has MISSING ELEMENTS NOT ALLOWED, and "
              + grid.show(t)
              + " would leave a gap: neither "
              + grid.show(t - step)
              + " nor "
              + grid.show(t + step)
              + " is an element of the series");
      return false;
    }
    return true;
  }

  /** Whether the element {@code t} just added touches the series as it stands. */
  private boolean extendsSeries(Object[] k, long t) {
    boolean empty = table_.countOf(k) == 0 && countOf(k) == 1;
    return empty
        || has(k, t - step)
        || has(k, t + step)
        || table_.has(k, t - step)
        || table_.has(k, t + step);
  }

  private void reject(Object[] row, long t, String why) {
    SeriesKeySet target = table_ == null ? this : table_;
    target.rejectedKey = SeriesRowRules.describeKey(schema, seriesColumns, row);
    target.rejectedPeriod = t;
    target.rejection = why;
  }

  @Override
  public boolean add(ColumnBatch batch, int row) {
    LongVector period = (LongVector) batch.column(periodColumn);
    if (period.isNull(row)) {
      return add(batch.row(row));
    }
    return add(keyValues(batch, row), period.get(row), null, batch, row);
  }

  @Override
  public boolean contains(Object[] row) {
    Object t = row[periodColumn];
    return t != null && has(keyValues(row), (Long) t);
  }

  @Override
  public boolean contains(ColumnBatch batch, int row) {
    LongVector period = (LongVector) batch.column(periodColumn);
    return !period.isNull(row) && has(keyValues(batch, row), period.get(row));
  }

  @Override
  public void addAll(KeySet other) {
    SeriesKeySet o = (SeriesKeySet) other;
    for (Map.Entry<List<Object>, PeriodSet> e : o.series.entrySet()) {
      PeriodSet mine = setOf(e.getKey().toArray(), true);
      e.getValue()
          .forEach(
              t -> {
                if (mine.add(t)) {
                  size++;
                }
              });
    }
  }

  @Override
  public void removeAll(KeySet other) {
    SeriesKeySet o = (SeriesKeySet) other;
    for (Map.Entry<List<Object>, PeriodSet> e : o.series.entrySet()) {
      PeriodSet mine = setOf(e.getKey().toArray(), false);
      if (mine == null) {
        continue;
      }
      e.getValue()
          .forEach(
              t -> {
                if (mine.remove(t)) {
                  size--;
                }
              });
      if (mine.size() == 0) {
        series.remove(e.getKey());
        lastSet = null;
      }
    }
  }

  @Override
  public int size() {
    return (int) Math.min(Integer.MAX_VALUE, size);
  }

  @Override
  public String describe(Object[] row) {
    return "series "
        + SeriesRowRules.describeKey(schema, seriesColumns, row)
        + " at "
        + schema.column(periodColumn).name()
        + "="
        + grid.show((Long) row[periodColumn]);
  }

  @Override
  public ThermoException duplicate(String tableName, ColumnBatch batch, int r) {
    Object[] row = batch.row(r);
    long t = (Long) row[periodColumn];
    String key = SeriesRowRules.describeKey(schema, seriesColumns, row);
    String why =
        rejection != null && rejectedPeriod == t && key.equals(rejectedKey)
            ? rejection
            : "already has an element at " + grid.show(t);
    rejection = null;
    return new ThermoException(
        ErrorCode.SERIES_VIOLATION, "table " + tableName + ", series " + key + ": " + why);
  }
}
