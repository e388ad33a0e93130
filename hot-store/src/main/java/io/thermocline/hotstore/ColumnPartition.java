package io.thermocline.hotstore;

import io.thermocline.common.batch.BatchValidator;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.ExprBinder;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.scan.TierScan;
import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.agg.AggregationPlan;
import io.thermocline.hotstore.agg.PartitionAggregation;
import io.thermocline.hotstore.delta.DeltaStore;
import io.thermocline.hotstore.main.MainStore;
import io.thermocline.hotstore.merge.MainBuilder;
import io.thermocline.hotstore.merge.SurvivorMap;
import io.thermocline.hotstore.mvcc.MainVersions;
import io.thermocline.hotstore.scan.Pred;
import io.thermocline.hotstore.scan.PredicateCompiler;
import io.thermocline.hotstore.scan.ReadView;
import io.thermocline.hotstore.scan.RowMatcher;
import io.thermocline.hotstore.scan.ScanCursor;
import io.thermocline.hotstore.series.SeriesLayout;
import io.thermocline.hotstore.series.SeriesMain;
import io.thermocline.hotstore.series.SeriesMainBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One in-memory column partition of a table (DESIGN.md section 4): a read-optimized main (sorted
 * dictionaries, bit-packed ids) plus append-only deltas, with per-row MVCC stamps.
 *
 * <p>Concurrency: writes (insert, end, the two short steps of a merge) hold one {@link
 * ReentrantLock}; the caller also serializes them and publishes a commit id to readers only after
 * the call returns. Readers are lock-free: they read the volatile copy-on-write root {main, deltas}
 * once, and each delta's row count once, so a scan sees a fixed set of rows however the partition
 * changes meanwhile. A merge freezes the delta under the lock, builds the new main outside it while
 * writes go to a fresh delta, records ends stamped meanwhile, and under the lock applies them and
 * swaps the root; readers that came earlier keep the old structures.
 *
 * <p>A series partition (constructed with a {@link SeriesLayout}) merges into a main of encoded
 * series blocks sorted by (series key, period) instead of dictionaries; MVCC, ends, moves, scans
 * and aggregates behave the same.
 */
public final class ColumnPartition implements TierScan, AutoCloseable {
  private final String name;
  private final Schema schema;
  private final int blockSize;
  private final int scanParallelism;
  private final int mergeParallelism;
  private final SeriesLayout series;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock mergeLock = new ReentrantLock();
  private volatile Root root;
  private PendingEnds pending;
  private int frozenCount;
  private volatile boolean closed;

  /** Test hook: runs on the merging thread after the new main is built, before the swap. */
  volatile Runnable beforeSwap;

  /** The main and the deltas (the last one takes appends). Immutable. */
  private record Root(MainStore main, List<DeltaStore> deltas) {
    DeltaStore active() {
      return deltas.get(deltas.size() - 1);
    }
  }

  public ColumnPartition(String name, Schema schema, Config config) {
    this(name, schema, config, null);
  }

  /** A partition whose merged main is a series main of {@code series} (null: dictionaries). */
  public ColumnPartition(String name, Schema schema, Config config, SeriesLayout series) {
    this.series = series;
    this.name = name;
    this.schema = schema;
    this.blockSize = config.get(HotStoreSettings.BATCH_SIZE);
    this.scanParallelism = config.get(HotStoreSettings.SCAN_PARALLELISM);
    this.mergeParallelism = config.get(HotStoreSettings.MERGE_PARALLELISM);
    this.root = new Root(MainStore.empty(schema), List.of(new DeltaStore(schema)));
  }

  public String name() {
    return name;
  }

  /** The series layout of the main, or null for a dictionary main. */
  public SeriesLayout seriesLayout() {
    return series;
  }

  /** The current main's encoded series rows; null before the first merge or without a layout. */
  public SeriesMain seriesMain() {
    return root.main().series();
  }

  @Override
  public Schema schema() {
    return schema;
  }

  public boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, "partition " + name + " is closed");
    }
  }

  /** Appends a batch (columns in schema order, storage values) committed at {@code cid}. */
  public void insert(long cid, ColumnBatch rows) {
    BatchValidator.checkBatch(name, schema, rows);
    writeLock.lock();
    try {
      checkOpen();
      root.active().append(cid, rows);
    } finally {
      writeLock.unlock();
    }
  }

  /** Appends rows of storage values (schema order) committed at {@code cid}. */
  public void insertRows(long cid, List<Object[]> storageRows) {
    BatchValidator.checkRows(name, schema, storageRows);
    writeLock.lock();
    try {
      checkOpen();
      root.active().appendRows(cid, storageRows);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Appends rows of user values for the named columns (others NULL), converted and validated all
   * before any is appended.
   */
  public void insertValues(long cid, List<String> columns, List<Object[]> userValues) {
    List<Object[]> rows = InsertValidation.toStorageRows(name, schema, columns, userValues);
    writeLock.lock();
    try {
      checkOpen();
      root.active().appendRows(cid, rows);
    } finally {
      writeLock.unlock();
    }
  }

  /** Ends the rows visible at {@code snapshot} that match {@code filter}; returns how many. */
  public long endRows(long cid, long snapshot, Expr filter) {
    return end(cid, snapshot, filter, Integer.MAX_VALUE, false).total();
  }

  /** Ends up to {@code maxRows} matching rows and returns them (all columns, schema order). */
  public ColumnBatch endRowsReturning(long cid, long snapshot, Expr filter, int maxRows) {
    return end(cid, snapshot, filter, maxRows, true).batch();
  }

  /**
   * Undoes commit {@code cid}, which the caller never published and will skip: rows it ended are
   * live again and rows it created become invisible at every snapshot (ended at their own create
   * id, so a later merge drops them). Returns the rows changed. Safe with concurrent readers, which
   * never read at an unpublished commit id and so see the same rows before and after, and with a
   * running merge, which receives these stamps as it receives ends stamped during its build.
   */
  public long abort(long cid) {
    writeLock.lock();
    try {
      if (closed) {
        return 0;
      }
      Root r = root;
      long[] changed = {0};
      // Restore ends first, skipping rows of cid itself (a repeated abort): those stay ended.
      MainVersions mv = r.main().versions();
      mv.forEachEndedAt(
          cid,
          row ->
              changed[0] += mv.create(row) == cid ? 0 : stamp(r, 0, row, MainVersions.NOT_ENDED));
      for (int d = 0; d < r.deltas().size(); d++) {
        int s = d + 1;
        DeltaStore delta = r.deltas().get(d);
        delta.forEachEndedAt(
            cid,
            row ->
                changed[0] +=
                    delta.create(row) == cid ? 0 : stamp(r, s, row, MainVersions.NOT_ENDED));
      }
      mv.forEachCreatedAt(cid, row -> changed[0] += mv.end(row) == cid ? 0 : stamp(r, 0, row, cid));
      for (int d = 0; d < r.deltas().size(); d++) {
        int s = d + 1;
        DeltaStore delta = r.deltas().get(d);
        delta.forEachCreatedAt(
            cid, row -> changed[0] += delta.end(row) == cid ? 0 : stamp(r, s, row, cid));
      }
      return changed[0];
    } finally {
      writeLock.unlock();
    }
  }

  /** Writer only: sets the end of a row of segment {@code s}, telling a running merge. */
  private int stamp(Root r, int s, int row, long end) {
    if (s == 0) {
      r.main().versions().setEnd(row, end);
    } else {
      r.deltas().get(s - 1).setEnd(row, end);
    }
    if (pending != null && s <= frozenCount) {
      pending.add(s, row, end);
    }
    return 1;
  }

  private RowMatcher.Matches end(
      long cid, long snapshot, Expr filter, int maxRows, boolean returning) {
    Pred pred = PredicateCompiler.compile(ExprBinder.bind(filter, schema), schema);
    writeLock.lock();
    try {
      checkOpen();
      Root r = root;
      ReadView view = ReadView.of(r.main(), r.deltas());
      RowMatcher.Matches m =
          RowMatcher.find(view, schema, pred, snapshot, cid, maxRows, returning, blockSize, name);
      int[][] rows = m.rows();
      for (int s = 0; s < rows.length; s++) {
        boolean frozen = pending != null && s <= frozenCount;
        for (int i = 0; i < m.counts()[s]; i++) {
          int row = rows[s][i];
          if (s == 0) {
            r.main().versions().setEnd(row, cid);
          } else {
            r.deltas().get(s - 1).setEnd(row, cid);
          }
          if (frozen) {
            pending.add(s, row, cid);
          }
        }
      }
      return m;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Merges the deltas into a new main, synchronously; versions ended at or before {@code
   * oldestLiveSnapshot} are dropped and create ids at or before it collapse. Writers and readers go
   * on meanwhile; one merge runs at a time.
   */
  public MergeResult mergeDelta(long oldestLiveSnapshot) {
    mergeLock.lock();
    try {
      long t0 = System.nanoTime();
      Root before;
      List<DeltaStore> frozen;
      int[] frozenRows;
      writeLock.lock();
      try {
        checkOpen();
        before = root;
        frozen = before.deltas();
        frozenRows = new int[frozen.size()];
        long deltaRows = 0;
        for (int i = 0; i < frozenRows.length; i++) {
          frozenRows[i] = frozen.get(i).rowCount();
          deltaRows += frozenRows[i];
        }
        if (deltaRows == 0 && !mainNeedsCleanup(before.main(), oldestLiveSnapshot)) {
          return MergeResult.nothing(before.main().rowCount());
        }
        List<DeltaStore> next = new ArrayList<>(frozen);
        next.add(new DeltaStore(schema));
        root = new Root(before.main(), List.copyOf(next));
        pending = new PendingEnds();
        frozenCount = frozen.size();
      } finally {
        writeLock.unlock();
      }
      List<MainBuilder.Result> steps = new ArrayList<>();
      MainStore main = before.main();
      try {
        for (int i = 0; i < frozen.size(); i++) {
          MainBuilder.Result step =
              series != null
                  ? SeriesMainBuilder.build(
                      name,
                      schema,
                      series,
                      main,
                      frozen.get(i),
                      frozenRows[i],
                      oldestLiveSnapshot,
                      mergeParallelism)
                  : MainBuilder.build(
                      schema,
                      main,
                      frozen.get(i),
                      frozenRows[i],
                      oldestLiveSnapshot,
                      mergeParallelism);
          steps.add(step);
          main = step.main();
        }
      } catch (RuntimeException | Error e) {
        writeLock.lock();
        try {
          pending = null;
          frozenCount = 0;
        } finally {
          writeLock.unlock();
        }
        throw e;
      }
      Runnable hook = beforeSwap;
      if (hook != null) {
        hook.run();
      }
      return swap(before, frozen, frozenRows, steps, main, t0);
    } finally {
      mergeLock.unlock();
    }
  }

  private MergeResult swap(
      Root before,
      List<DeltaStore> frozen,
      int[] frozenRows,
      List<MainBuilder.Result> steps,
      MainStore built,
      long t0) {
    writeLock.lock();
    try {
      PendingEnds p = pending;
      pending = null;
      frozenCount = 0;
      if (closed) {
        return MergeResult.nothing(0);
      }
      MainVersions v = built.versions();
      for (int i = 0; i < p.size(); i++) {
        v.setEnd(finalPosition(steps, p.source(i), p.row(i)), p.cid(i));
      }
      List<DeltaStore> now = root.deltas();
      root = new Root(built, List.copyOf(now.subList(frozen.size(), now.size())));
      long merged = 0;
      for (int n : frozenRows) {
        merged += n;
      }
      long dropped = 0;
      for (MainBuilder.Result s : steps) {
        dropped += s.droppedRows();
      }
      return new MergeResult(
          true,
          merged,
          dropped,
          before.main().rowCount(),
          built.rowCount(),
          System.nanoTime() - t0);
    } finally {
      writeLock.unlock();
    }
  }

  /** Where a row of the old main (source 0) or of frozen delta {@code source} landed. */
  private static int finalPosition(List<MainBuilder.Result> steps, int source, int row) {
    int pos;
    int step;
    if (source == 0) {
      pos = steps.get(0).mainRows().newPosition(row);
      step = 1;
    } else {
      SurvivorMap m = steps.get(source - 1).deltaRows();
      pos = m.newPosition(row);
      step = source;
    }
    for (; step < steps.size(); step++) {
      pos = steps.get(step).mainRows().newPosition(pos);
    }
    return pos;
  }

  private static boolean mainNeedsCleanup(MainStore main, long oldest) {
    MainVersions v = main.versions();
    return v.anyEndedAtOrBefore(oldest) || (!v.allCollapsed() && v.minCreate() <= oldest);
  }

  /** Estimated heap bytes per column and for the row versions. */
  public MemoryUsage memoryUsage() {
    Root r = root;
    List<MemoryUsage.ColumnMemory> cols = new ArrayList<>();
    long total = 0;
    SeriesMain sm = r.main().series();
    for (int c = 0; c < schema.size(); c++) {
      long delta = 0;
      for (DeltaStore d : r.deltas()) {
        delta += d.columnBytes(c);
      }
      MemoryUsage.ColumnMemory cm;
      if (sm != null) {
        // NULLs live inside the encoded blocks, so the series main reports no separate bitmap.
        cm =
            new MemoryUsage.ColumnMemory(
                schema.column(c).name(), sm.dictionaryBytes(c), sm.encodedBytes(c), 0, delta);
      } else {
        var mc = r.main().column(c);
        cm =
            new MemoryUsage.ColumnMemory(
                schema.column(c).name(), mc.dictionaryBytes(), mc.idBytes(), mc.nullBytes(), delta);
      }
      cols.add(cm);
      total += cm.totalBytes();
    }
    long mvcc = r.main().versions().bytes();
    for (DeltaStore d : r.deltas()) {
      mvcc += d.versionBytes();
    }
    return new MemoryUsage(cols, mvcc, total + mvcc);
  }

  /** Rows visible at {@code snapshot}. */
  public long rowCount(long snapshot) {
    return PartitionAggregation.count(view(), new Pred.Const(true), snapshot, blockSize);
  }

  /** Rows physically in the deltas (any version). */
  public long deltaRowCount() {
    long n = 0;
    for (DeltaStore d : root.deltas()) {
      n += d.rowCount();
    }
    return n;
  }

  /** Rows physically in the main (any version not yet dropped by a merge). */
  public long mainRowCount() {
    return root.main().rowCount();
  }

  private ReadView view() {
    checkOpen();
    Root r = root;
    return ReadView.of(r.main(), r.deltas());
  }

  @Override
  public BatchCursor scan(ScanRequest r) {
    Pred pred = PredicateCompiler.compile(ExprBinder.bind(r.filter(), schema), schema);
    int[] cols;
    if (r.projection() == null) {
      cols = new int[schema.size()];
      for (int c = 0; c < cols.length; c++) {
        cols[c] = c;
      }
    } else {
      cols = new int[r.projection().size()];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = schema.indexOf(r.projection().get(i));
      }
    }
    return new ScanCursor(view(), schema, cols, pred, r.snapshot(), blockSize, r.batchSize());
  }

  @Override
  public AggregateResult aggregate(ScanRequest r, AggregateSpec s) {
    return aggregate(r, s, scanParallelism);
  }

  /** An aggregate with the main's row ranges split over {@code parallelism} threads. */
  public AggregateResult aggregate(ScanRequest r, AggregateSpec s, int parallelism) {
    AggregationPlan plan = AggregationPlan.resolve(schema, s);
    Pred pred = PredicateCompiler.compile(ExprBinder.bind(r.filter(), schema), schema);
    return PartitionAggregation.run(
        view(), plan, pred, r.snapshot(), blockSize, Math.max(1, parallelism));
  }

  /** Releases the partition's memory; later calls fail, scans already running finish. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      root = new Root(MainStore.empty(schema), List.of(new DeltaStore(schema)));
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ColumnPartition["
        + name
        + ", main="
        + mainRowCount()
        + ", delta="
        + deltaRowCount()
        + "]";
  }
}
