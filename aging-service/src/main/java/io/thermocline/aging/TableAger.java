package io.thermocline.aging;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Transaction;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.catalog.TableKind;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.table.TableStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Runs one table's policy: detect recalls (cold rows whose flag was cleared) and hold them, move
 * recalled rows back, then move to cold the hot rows already flagged and, by flag-and-move ({@link
 * Database#moveBatch(String, MoveDirection, int, Expr)}: flagged TRUE in the cold copy, no UPDATE,
 * one row version), the rows the rule matches except held and too young ones; each batch one
 * commit, throttled and bounded per run. After moves to cold the hot tier is merged, so scans stop
 * walking the ended versions. Holds are saved to the table's {@link RowHoldsFile} (when given)
 * before any flag or row changes, so a crash never loses a hold the run acted on. Concurrency: one
 * run or dry run at a time per table, through {@link #lock()} (fair, so a waiting manual run is not
 * starved by the schedule).
 */
final class TableAger {
  private final Database db;
  private final String table;
  private final Clock clock;
  private final RowHoldsFile holdsFile;
  private final ReentrantLock lock = new ReentrantLock(true);
  private RowHolds holds;
  private long holdsOfTable = -1;
  private volatile int heldCount;

  /** Rows moved to cold since the last merge; used by runs only, so under {@link #lock()}. */
  private long unmergedToCold;

  /**
   * {@code holdsFile} null: holds live in memory only. Flag-and-move commits at most one move batch
   * of rows, so one move batch also bounds the log record of a run's commit.
   */
  TableAger(Database db, String table, Clock clock, RowHoldsFile holdsFile) {
    this.db = db;
    this.table = table;
    this.clock = clock;
    this.holdsFile = holdsFile;
  }

  /** The holds of the table as it is now (a table re-created under the name starts afresh). */
  private RowHolds holds(TableDefinition d) {
    if (holds == null || holdsOfTable != d.createdCid()) {
      holds = holdsFile == null ? new RowHolds() : holdsFile.load(d.name(), d.createdCid());
      holdsOfTable = d.createdCid();
      heldCount = holds.heldCount();
    }
    return holds;
  }

  /** Forgets the holds (the table was dropped) and deletes their file. */
  void forget() {
    holds = null;
    holdsOfTable = -1;
    heldCount = 0;
    if (holdsFile != null) {
      holdsFile.delete();
    }
  }

  ReentrantLock lock() {
    return lock;
  }

  /** Rows done so far in a run: kept when a later batch fails. Confined to the run's thread. */
  static final class Progress {
    long flagged;
    long toCold;
    long toHot;
  }

  /** What a run would flag: rule matches in the hot tier, split by what keeps them hot. */
  private record Plan(
      List<Object> recalled,
      long recalledCount,
      long wouldFlag,
      long held,
      Set<Object> keepHot,
      long flaggedHot,
      List<Object> sampleToCold) {}

  /** One run; the caller holds {@link #lock()}. {@code stop} ends it between batches. */
  void run(AgingOptions o, Progress p, BooleanSupplier stop) {
    TableDefinition d = hybrid();
    long now = clock.millis();
    Plan plan = plan(d, o, now, true);
    RowHolds h = holds(d);
    if (holdsFile != null && h.changed()) {
      holdsFile.save(d.name(), d.createdCid(), h);
    }
    Expr rule = ruleFilter(d, now);
    if (rule != null && !plan.keepHot().isEmpty()) {
      rule = Expr.and(rule, Expr.not(keyFilter(d, plan.keepHot())));
    }
    long budget = o.maxRowsPerRun();
    long startNanos = System.nanoTime();
    long hotAtStart = db.tableStats(table).hotRows();
    // Recalls first: a user waiting for a row back matters more than memory freed.
    budget -= move(MoveDirection.TO_HOT, null, budget, o, p, startNanos, stop, Long.MAX_VALUE);
    // Rows flagged by users go before the rule's, so every row moved by the filtered pass below
    // is one the rule flagged (bar rows flagged meanwhile): that is what rowsFlagged reports.
    long mergeEvery = Math.max(4L * o.batchRows(), hotAtStart / 4);
    long toCold = move(MoveDirection.TO_COLD, null, budget, o, p, startNanos, stop, mergeEvery);
    if (rule != null) {
      p.flagged =
          move(MoveDirection.TO_COLD, rule, budget - toCold, o, p, startNanos, stop, mergeEvery);
    }
    mergeHot();
  }

  /**
   * Moves batches while the budget lasts; with {@code rule} (TO_COLD) the hot rows it matches are
   * flagged and moved in the same commit. Merges the hot tier every {@code mergeEvery} rows: each
   * move re-reads the tier from its start, so ended versions left in place make every later batch
   * slower, and so does every reporting scan.
   */
  private long move(
      MoveDirection dir,
      Expr rule,
      long budget,
      AgingOptions o,
      Progress p,
      long startNanos,
      BooleanSupplier stop,
      long mergeEvery) {
    long moved = 0;
    long sinceMerge = 0;
    while (moved < budget && !stop.getAsBoolean()) {
      int max = (int) Math.min(o.batchRows(), budget - moved);
      long n = db.moveBatch(table, dir, max, rule);
      if (dir == MoveDirection.TO_COLD) {
        p.toCold += n;
        unmergedToCold += n;
      } else {
        p.toHot += n;
      }
      moved += n;
      sinceMerge += n;
      if (n < max) {
        break;
      }
      if (sinceMerge >= mergeEvery) {
        mergeHot();
        sinceMerge = 0;
      }
      throttle(o, p.toCold + p.toHot, startNanos);
    }
    return moved;
  }

  /**
   * Merges the hot tier when rows left it since the last merge (the merge drops their versions).
   */
  private void mergeHot() {
    if (unmergedToCold == 0) {
      return;
    }
    unmergedToCold = 0;
    db.table(table).mergeHot(db.oldestLiveSnapshot());
  }

  /** Sleeps until {@code done} rows fit the throttle's rate since {@code startNanos}. */
  private static void throttle(AgingOptions o, long done, long startNanos) {
    if (o.throttleRowsPerSecond() == 0) {
      return;
    }
    long due = startNanos + TimeUnit.SECONDS.toNanos(1) * done / o.throttleRowsPerSecond();
    long wait = due - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  /** What a run would do now; changes nothing (holds are not recorded). */
  AgingDryRun dryRun(AgingOptions o) {
    TableDefinition d = hybrid();
    Plan plan = plan(d, o, clock.millis(), false);
    long toCold = Math.min(plan.flaggedHot() + plan.wouldFlag(), o.maxRowsPerRun());
    long toHot = Math.min(plan.recalledCount(), o.maxRowsPerRun());
    toCold = Math.min(toCold, o.maxRowsPerRun() - toHot);
    TableStats st = db.tableStats(table);
    double hotPerRow = st.hotRows() == 0 ? 0 : (double) st.hotMemoryBytes() / st.hotRows();
    // With no cold rows yet, the hot size is the only (pessimistic) estimate of a cold row.
    double coldPerRow = st.coldRows() == 0 ? hotPerRow : (double) st.coldBytes() / st.coldRows();
    long net = toCold - toHot;
    return new AgingDryRun(
        table,
        toCold,
        plan.wouldFlag(),
        toHot,
        plan.held(),
        Math.round(net * hotPerRow),
        Math.round(net * coldPerRow),
        plan.sampleToCold(),
        plan.recalled().subList(0, Math.min(AgingDryRun.SAMPLE, plan.recalled().size())));
  }

  private Plan plan(TableDefinition d, AgingOptions o, long now, boolean record) {
    RowHolds holds = holds(d);
    List<String> key = identity(d);
    String flag = d.agingFlag();
    List<Object> recalled = new ArrayList<>();
    long recalledCount = 0;
    long wouldFlag = 0;
    long held = 0;
    long flaggedHot = 0;
    Set<Object> keepHot = new HashSet<>();
    List<Object> sample = new ArrayList<>();
    Map<Object, Long> seen = new HashMap<>();
    long holdUntil = now + o.recallHold().toMillis();
    long minHot = o.minHot().toMillis();
    try (Session s = db.session();
        Transaction pin = s.begin()) {
      // The transaction registers the snapshot so maintenance keeps it while the tiers are read.
      ScanRequest at = ScanRequest.at(pin.snapshot()).withProjection(key);
      HybridTable t = db.table(table);
      try (BatchCursor c = t.scanCold(at.withFilter(Expr.eq(flag, false)))) {
        for (ColumnBatch b = c.next(); b != null; b = c.next()) {
          for (int r = 0; r < b.rowCount(); r++) {
            Object k = key(b, r);
            recalledCount++;
            if (recalled.size() < AgingDryRun.SAMPLE) {
              recalled.add(k);
            }
            // Recalls in flight are never re-flagged, even without a hold period.
            keepHot.add(k);
            if (record && o.recallHold().toMillis() > 0) {
              holds.hold(k, holdUntil);
            }
          }
        }
      }
      if (!record) {
        try (BatchCursor c = t.scanHot(at.withFilter(Expr.eq(flag, true)))) {
          for (ColumnBatch b = c.next(); b != null; b = c.next()) {
            flaggedHot += b.rowCount();
            for (int r = 0; r < b.rowCount() && sample.size() < AgingDryRun.SAMPLE; r++) {
              sample.add(key(b, r));
            }
          }
        }
      }
      Expr rule = ruleFilter(d, now);
      // Keys of rule matches matter only when something may keep them hot; else count them.
      boolean needKeys = minHot > 0 || holds.heldCount() > 0;
      if (rule != null && (needKeys || !record)) {
        try (BatchCursor c = t.scanHot(at.withFilter(rule))) {
          for (ColumnBatch b = c.next(); b != null; b = c.next()) {
            if (!needKeys) {
              wouldFlag += b.rowCount();
              for (int r = 0; r < b.rowCount() && sample.size() < AgingDryRun.SAMPLE; r++) {
                sample.add(key(b, r));
              }
              continue;
            }
            for (int r = 0; r < b.rowCount(); r++) {
              Object k = key(b, r);
              boolean young = minHot > 0 && now - holds.firstSeen(k, now, seen) < minHot;
              if (young || holds.isHeld(k, now)) {
                held++;
                keepHot.add(k);
              } else {
                wouldFlag++;
                if (sample.size() < AgingDryRun.SAMPLE) {
                  sample.add(k);
                }
              }
            }
          }
        }
      }
    }
    if (record) {
      holds.expire(now);
      holds.replaceFirstSeen(seen);
      holds.addHeldKeys(keepHot, now);
      heldCount = holds.heldCount();
    }
    return new Plan(recalled, recalledCount, wouldFlag, held, keepHot, flaggedHot, sample);
  }

  /**
   * The columns that tell rows apart for holds: the primary key, or every column but the flag for a
   * table without one (equal rows are interchangeable, as the engine's log replay assumes too).
   */
  static List<String> identity(TableDefinition d) {
    List<String> pk = d.schema().primaryKey();
    if (!pk.isEmpty()) {
      return pk;
    }
    List<String> all = new ArrayList<>(d.schema().names());
    all.remove(d.agingFlag());
    return all;
  }

  /**
   * The rule (relative times fixed at {@code nowMillis}) restricted to unflagged rows, or null when
   * the table has no rule the engine reads.
   */
  private Expr ruleFilter(TableDefinition d, long nowMillis) {
    if (d.agingRule() == null || d.agingRule().condition() == null) {
      return null;
    }
    Expr rule = d.agingRule().bindAt(d.schema(), Math.multiplyExact(nowMillis, 1_000L));
    return Expr.and(Expr.eq(d.agingFlag(), false), rule);
  }

  private static Object key(ColumnBatch b, int r) {
    if (b.columnCount() == 1) {
      return b.column(0).getObject(r);
    }
    return Arrays.asList(b.row(r));
  }

  /**
   * Matches the rows whose identity is one of {@code keys}: TRUE or FALSE for every row, never
   * unknown, so {@code NOT} of it excludes exactly the kept rows even where columns are NULL.
   */
  private static Expr keyFilter(TableDefinition d, Set<Object> keys) {
    List<String> id = identity(d);
    if (id.size() == 1 && !keys.contains(null)) {
      return Expr.in(id.get(0), keys.toArray());
    }
    List<Expr> rows = new ArrayList<>();
    for (Object k : keys) {
      List<?> values = id.size() == 1 ? java.util.Collections.singletonList(k) : (List<?>) k;
      Expr[] eqs = new Expr[id.size()];
      for (int i = 0; i < eqs.length; i++) {
        Object v = values.get(i);
        String c = id.get(i);
        eqs[i] = v == null ? Expr.isNull(c) : Expr.and(Expr.isNotNull(c), Expr.eq(c, v));
      }
      rows.add(Expr.and(eqs));
    }
    return Expr.or(rows.toArray(new Expr[0]));
  }

  private TableDefinition hybrid() {
    TableDefinition d = db.table(table).definition();
    if (d.kind() != TableKind.HYBRID) {
      throw new ThermoException(
          ErrorCode.UNSUPPORTED, "table " + table + " is " + d.kind() + "; only hybrid tables age");
    }
    return d;
  }

  /** Rows held after the last run; read without the lock, hence a volatile copy. */
  int heldCount() {
    return heldCount;
  }
}
