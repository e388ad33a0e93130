package io.thermocline.engine.table;

import io.thermocline.coldstore.ColdTable;
import io.thermocline.coldstore.ColdTableStats;
import io.thermocline.coldstore.CompactionResult;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.ExprBinder;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.scan.TierScan;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.catalog.TableKind;
import io.thermocline.engine.txn.KeySet;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.MemoryUsage;
import io.thermocline.hotstore.MergeResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One table over its tiers: a hot {@link ColumnPartition} (HOT, HYBRID) and a {@link ColdTable}
 * (HYBRID, COLD). A scan reads the hot rows, then the cold rows, at the same snapshot; an aggregate
 * adds the partial results each tier computes inside itself (the union plan of DESIGN.md section
 * 3). The hot tier is skipped when the filter's range on the time column misses every time value
 * the hot tier ever held; the cold tier prunes files by their manifest statistics itself.
 *
 * <p>Applications reach a table object through {@code Database.table(name)} for its definition and
 * {@code Database.tableStats}; its write methods belong to the engine's committer and mover, which
 * call them under the commit lock with an unpublished commit id.
 *
 * <p>Concurrency: reads are lock-free and need a registered snapshot (the caller's); the write
 * methods, the key set and {@link #retire} are used under the database's commit lock only. The
 * definition is a volatile reference replaced by ALTERs that keep the data (aging policy); a change
 * of the schema builds a new table object ({@link #rewrite}) and retires this one.
 */
public final class HybridTable implements TierScan {
  private final ColumnPartition hot;
  private final ColdTable cold;
  private final KeySet keys;
  private final long coldFileMinRows;
  private volatile TableDefinition definition;
  private volatile TimeRange hotTimes = TimeRange.EMPTY;
  private volatile long retiredAt = Long.MAX_VALUE;

  /**
   * A table over the given tiers ({@code hot} null for COLD, {@code cold} null for HOT). {@code
   * keys} is the table's primary-key set (null without a key), filled by the caller.
   */
  public HybridTable(
      TableDefinition definition,
      ColumnPartition hot,
      ColdTable cold,
      KeySet keys,
      long coldFileMinRows) {
    this.definition = definition;
    this.hot = hot;
    this.cold = cold;
    this.keys = keys;
    this.coldFileMinRows = coldFileMinRows;
  }

  public TableDefinition definition() {
    return definition;
  }

  public String name() {
    return definition.name();
  }

  @Override
  public Schema schema() {
    return definition.schema();
  }

  public TableKind kind() {
    return definition.kind();
  }

  /** The hot partition, or null for a cold-only table (statistics, tests). */
  public ColumnPartition hotPartition() {
    return hot;
  }

  /** The primary-key set of the latest committed state, or null; commit lock only. */
  public KeySet keys() {
    return keys;
  }

  /** Replaces the definition by one with the same schema (aging policy changes). */
  public void redefine(TableDefinition d) {
    if (!d.schema().equals(definition.schema())) {
      throw new ThermoException(
          ErrorCode.INTERNAL, "redefining " + d.name() + " with another schema needs a rewrite");
    }
    definition = d;
  }

  /** Whether a DDL at some commit replaced or dropped this table object. */
  public boolean isRetired() {
    return retiredAt != Long.MAX_VALUE;
  }

  // ---------------------------------------------------------------- reads

  /** Refuses snapshots this object cannot answer: before a rewrite, or after it was replaced. */
  public void checkReadable(long snapshot) {
    long retired = retiredAt;
    if (retired != Long.MAX_VALUE) {
      throw new ThermoException(
          ErrorCode.SNAPSHOT_TOO_OLD,
          "table "
              + name()
              + " was altered or dropped at commit "
              + retired
              + "; start a new transaction");
    }
    if (snapshot < definition.rewriteCid()) {
      throw new ThermoException(
          ErrorCode.SNAPSHOT_TOO_OLD,
          "snapshot "
              + snapshot
              + " is older than the last schema change of table "
              + name()
              + " (commit "
              + definition.rewriteCid()
              + ")");
    }
  }

  @Override
  public BatchCursor scan(ScanRequest request) {
    checkReadable(request.snapshot());
    List<Supplier<BatchCursor>> parts = new ArrayList<>(2);
    if (hot != null && hotMayMatch(request.filter())) {
      parts.add(() -> hot.scan(request));
    }
    if (cold != null) {
      parts.add(() -> cold.scan(request));
    }
    return new UnionCursor(parts);
  }

  @Override
  public AggregateResult aggregate(ScanRequest request, AggregateSpec spec) {
    checkReadable(request.snapshot());
    AggregateResult result = new AggregateResult(spec);
    if (hot != null && hotMayMatch(request.filter())) {
      result.merge(hot.aggregate(request, spec));
    }
    if (cold != null) {
      result.merge(cold.aggregate(request, spec));
    }
    return result;
  }

  /** The hot rows only (an empty cursor without a hot tier). */
  public BatchCursor scanHot(ScanRequest request) {
    checkReadable(request.snapshot());
    List<Supplier<BatchCursor>> parts = new ArrayList<>(1);
    if (hot != null && hotMayMatch(request.filter())) {
      parts.add(() -> hot.scan(request));
    }
    return new UnionCursor(parts);
  }

  /** The cold rows only (an empty cursor without a cold tier). */
  public BatchCursor scanCold(ScanRequest request) {
    checkReadable(request.snapshot());
    List<Supplier<BatchCursor>> parts = new ArrayList<>(1);
    if (cold != null) {
      parts.add(() -> cold.scan(request));
    }
    return new UnionCursor(parts);
  }

  /** Whether the hot tier may hold a row passing {@code filter} (unbound). */
  boolean hotMayMatch(Expr filter) {
    Schema s = schema();
    int time = timeColumn(s);
    if (filter == null || time < 0) {
      return true;
    }
    TimeRange wanted = TimeRange.implied(ExprBinder.bind(filter, s), time);
    return wanted.overlaps(hotTimes);
  }

  private static int timeColumn(Schema s) {
    return s.timeColumn()
        .map(s::indexOf)
        .filter(i -> s.column(i).type().storage() == StorageClass.LONG)
        .orElse(-1);
  }

  /** Rows visible at {@code snapshot} in each tier, and the tiers' physical state. */
  public TableStats stats(long snapshot) {
    checkReadable(snapshot);
    long hotRows = 0;
    long mainRows = 0;
    long deltaRows = 0;
    long memory = 0;
    if (hot != null) {
      hotRows = hot.rowCount(snapshot);
      mainRows = hot.mainRowCount();
      deltaRows = hot.deltaRowCount();
      MemoryUsage m = hot.memoryUsage();
      memory = m.totalBytes();
    }
    long coldRows = 0;
    ColdTableStats cs = null;
    if (cold != null) {
      Object[] count =
          cold.aggregate(
                  ScanRequest.at(snapshot), AggregateSpec.of(List.of(), AggregateCall.countStar()))
              .rows()
              .get(0);
      coldRows = (Long) count[0];
      cs = cold.stats();
    }
    return new TableStats(
        name(),
        kind(),
        snapshot,
        hotRows,
        coldRows,
        mainRows,
        deltaRows,
        memory,
        cs == null ? 0 : cs.liveFiles(),
        cs == null ? 0 : cs.fileRows(),
        cs == null ? 0 : cs.deltaRows(),
        cs == null ? 0 : cs.tombstones(),
        cs == null ? 0 : cs.liveBytes());
  }

  // ---------------------------------------------------------------- writes (commit lock)

  /**
   * Ends, at {@code cid}, the rows visible at {@code snapshot} that match {@code filter} in every
   * tier; a matching row already ended after the snapshot is a {@code SERIALIZATION_FAILURE}. With
   * {@code removedKeys} the keys of the ended rows are added to it. Returns the rows ended.
   */
  public long endRows(long cid, long snapshot, Expr filter, KeySet removedKeys, TierTouches t) {
    checkWritable();
    long n = 0;
    if (hot != null) {
      t.hot(this);
      // The ended rows themselves go to the log: replay must not depend on the hot row order.
      ColumnBatch ended = hot.endRowsReturning(cid, snapshot, filter, Integer.MAX_VALUE);
      t.hotEnded(this, ended);
      if (removedKeys != null) {
        for (int r = 0; r < ended.rowCount(); r++) {
          removedKeys.add(ended, r);
        }
      }
      n += ended.rowCount();
    }
    if (cold != null) {
      if (removedKeys == null) {
        n += cold.endRows(cid, snapshot, filter);
      } else {
        for (ColumnBatch ended : cold.endRowsReturning(cid, snapshot, filter)) {
          for (int r = 0; r < ended.rowCount(); r++) {
            removedKeys.add(ended, r);
          }
          n += ended.rowCount();
        }
      }
      t.cold(this);
    }
    return n;
  }

  /**
   * Inserts rows (batches of the full schema, storage values) at {@code cid}: {@code batches} into
   * the hot tier (the cold tier of a cold-only table), {@code coldBatches} (new versions of updated
   * cold rows) into the cold tier. Cold rows go to the cold delta, or to new files when there are
   * at least {@code engine.cold.file.min.rows}.
   */
  public void insert(
      long cid, List<ColumnBatch> batches, List<ColumnBatch> coldBatches, TierTouches t) {
    checkWritable();
    List<ColumnBatch> toCold = new ArrayList<>(coldBatches);
    if (hot != null) {
      if (!batches.isEmpty()) {
        t.hot(this);
        for (ColumnBatch b : batches) {
          hot.insert(cid, b);
          t.hotInserted(this, b);
        }
        noteHotTimes(batches);
      }
    } else {
      toCold.addAll(batches);
    }
    if (toCold.isEmpty()) {
      return;
    }
    if (RowBatches.rowCount(toCold) >= coldFileMinRows) {
      cold.writeFiles(cid, toCold);
    } else {
      cold.insertDelta(cid, RowBatches.toRows(toCold));
    }
    t.cold(this);
  }

  /**
   * The source and target side of a move to the cold tier at {@code cid}: ends up to {@code
   * maxRows} hot rows visible at {@code snapshot} whose aging flag is TRUE and writes exactly those
   * rows as one cold file set. Returns the rows moved.
   */
  public long moveToCold(long cid, long snapshot, int maxRows, TierTouches t) {
    return moveToCold(cid, snapshot, maxRows, null, t);
  }

  /**
   * Flag-and-move: as {@link #moveToCold(long, long, int, TierTouches)}, but also takes hot rows
   * matching {@code alsoMatching} (null: none) and writes every moved row with its flag TRUE. The
   * log gets the hot rows as they were (replay ends them by value), the cold file the flagged copy;
   * so one move replaces an UPDATE plus a move, with one row version and one logged copy per row.
   */
  public long moveToCold(long cid, long snapshot, int maxRows, Expr alsoMatching, TierTouches t) {
    checkMovable();
    t.hot(this);
    Expr select = alsoMatching == null ? flagIs(true) : Expr.or(flagIs(true), alsoMatching);
    ColumnBatch rows = hot.endRowsReturning(cid, snapshot, select, maxRows);
    t.hotEnded(this, rows);
    if (rows.rowCount() > 0) {
      cold.writeFile(cid, alsoMatching == null ? rows : withFlagTrue(rows));
      t.cold(this);
    }
    return rows.rowCount();
  }

  /** {@code rows} with the aging flag column replaced by TRUE; the other vectors are shared. */
  private ColumnBatch withFlagTrue(ColumnBatch rows) {
    int flag = rows.schema().indexOf(definition.agingFlag());
    int n = rows.rowCount();
    long[] ones = new long[n];
    Arrays.fill(ones, 1L);
    ColumnVector[] vectors = new ColumnVector[rows.columnCount()];
    for (int c = 0; c < vectors.length; c++) {
      vectors[c] =
          c == flag ? new LongVector(rows.column(c).type(), ones, n, null) : rows.column(c);
    }
    return new ColumnBatch(rows.schema(), n, vectors);
  }

  /** A move to the hot tier: up to {@code maxRows} cold rows whose aging flag is FALSE. */
  public long moveToHot(long cid, long snapshot, int maxRows, TierTouches t) {
    checkMovable();
    List<ColumnBatch> rows = cold.endRowsReturning(cid, snapshot, flagIs(false), maxRows);
    t.cold(this);
    t.hot(this);
    for (ColumnBatch b : rows) {
      hot.insert(cid, b);
      t.hotInserted(this, b);
    }
    noteHotTimes(rows);
    return RowBatches.rowCount(rows);
  }

  private Expr flagIs(boolean value) {
    return Expr.eq(definition.agingFlag(), value);
  }

  private void checkMovable() {
    checkWritable();
    if (kind() != TableKind.HYBRID) {
      throw new ThermoException(
          ErrorCode.UNSUPPORTED,
          "table " + name() + " is " + kind() + "; only hybrid tables move rows");
    }
  }

  private void checkWritable() {
    if (isRetired()) {
      throw new ThermoException(
          ErrorCode.SERIALIZATION_FAILURE,
          "table " + name() + " was altered or dropped at commit " + retiredAt + "; retry");
    }
  }

  private void noteHotTimes(List<ColumnBatch> batches) {
    int time = timeColumn(schema());
    if (time < 0) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (ColumnBatch b : batches) {
      LongVector v = (LongVector) b.column(time);
      long[] values = v.values();
      for (int r = 0; r < b.rowCount(); r++) {
        if (!v.isNull(r)) {
          min = Math.min(min, values[r]);
          max = Math.max(max, values[r]);
        }
      }
    }
    if (min <= max) {
      hotTimes = hotTimes.span(new TimeRange(min, max));
    }
  }

  // ---------------------------------------------------------------- restart (no commit lock: the
  // database is not open yet)

  /** Whether this table has a hot tier. */
  public boolean hasHot() {
    return hot != null;
  }

  /**
   * Re-applies a logged commit's hot effects at {@code cid}: ends, for each logged row, one visible
   * hot row with the same values (equal rows are interchangeable), then inserts the created rows.
   * Rows logged before an ADD COLUMN are padded with NULL. Returns how many logged ended rows had
   * no visible twin (0 unless the log and the checkpoint disagree).
   */
  public long replayHot(long cid, List<Object[]> ended, List<Object[]> inserted) {
    Schema s = schema();
    long missing = 0;
    Map<List<Object>, Integer> groups = new LinkedHashMap<>();
    for (Object[] row : ended) {
      groups.merge(Arrays.asList(pad(row, s.size())), 1, Integer::sum);
    }
    for (Map.Entry<List<Object>, Integer> g : groups.entrySet()) {
      Expr match = rowEquals(s, g.getKey());
      int n = hot.endRowsReturning(cid, cid - 1, match, g.getValue()).rowCount();
      missing += g.getValue() - n;
    }
    if (!inserted.isEmpty()) {
      List<Object[]> rows = new ArrayList<>(inserted.size());
      for (Object[] row : inserted) {
        rows.add(pad(row, s.size()));
      }
      ColumnBatch b = RowBatches.fromRows(s, rows);
      hot.insert(cid, b);
      noteHotTimes(List.of(b));
    }
    return missing;
  }

  /** Undoes a commit the log never committed in the cold tier; returns the changes undone. */
  public long undoColdCommit(long cid) {
    return cold == null ? 0 : cold.abort(cid);
  }

  private static Object[] pad(Object[] row, int size) {
    return row.length == size ? row : Arrays.copyOf(row, size);
  }

  private static Expr rowEquals(Schema s, List<Object> values) {
    Expr[] terms = new Expr[s.size()];
    for (int c = 0; c < s.size(); c++) {
      Object v = values.get(c);
      String name = s.column(c).name();
      terms[c] = v == null ? Expr.isNull(name) : Expr.eq(name, s.column(c).type().toJava(v));
    }
    return terms.length == 1 ? terms[0] : Expr.and(terms);
  }

  void abortHot(long cid) {
    if (hot != null) {
      hot.abort(cid);
    }
  }

  void abortCold(long cid) {
    if (cold != null) {
      cold.abort(cid);
    }
  }

  // ---------------------------------------------------------------- maintenance and DDL

  /** Rows in the hot deltas (0 without a hot tier). */
  public long hotDeltaRows() {
    return hot == null || hot.isClosed() ? 0 : hot.deltaRowCount();
  }

  /** Merges the hot deltas with {@code oldestLive} as the version horizon; null without hot. */
  public MergeResult mergeHot(long oldestLive) {
    return hot == null ? null : hot.mergeDelta(oldestLive);
  }

  /** The cold tier's physical state now, or null without a cold tier. */
  public ColdTableStats coldStats() {
    return cold == null ? null : cold.stats();
  }

  /** Compacts the cold tier with {@code oldestLive} as the horizon; null without cold. */
  public CompactionResult compactCold(long oldestLive) {
    return cold == null ? null : cold.compact(oldestLive);
  }

  /**
   * A new table object for a changed schema (ADD COLUMN at {@code cid}): the hot rows visible at
   * {@code snapshot} are copied into {@code newHot}, padded with NULL for the new column, and
   * created at {@code cid}; the cold table is shared (already evolved); the key set moves over.
   * Commit lock only; the caller then retires this object.
   */
  public HybridTable rewrite(
      TableDefinition next,
      ColumnPartition newHot,
      ColdTable evolvedCold,
      long cid,
      long snapshot) {
    HybridTable t = new HybridTable(next, newHot, evolvedCold, keys, coldFileMinRows);
    if (hot != null) {
      Schema s = next.schema();
      int added = s.size() - 1;
      try (BatchCursor c = hot.scan(ScanRequest.at(snapshot))) {
        for (ColumnBatch b = c.next(); b != null; b = c.next()) {
          newHot.insert(cid, RowBatches.withNullColumn(b, s, added));
        }
      }
      t.hotTimes = hotTimes;
    }
    return t;
  }

  /**
   * Marks this object replaced or dropped at {@code cid}; later reads and writes through it are
   * refused. With {@code closeHot} the hot partition's memory is released.
   */
  public void retire(long cid, boolean closeHot) {
    retiredAt = cid;
    if (closeHot && hot != null) {
      hot.close();
    }
  }

  @Override
  public String toString() {
    return "HybridTable[" + name() + " " + kind() + "]";
  }
}
