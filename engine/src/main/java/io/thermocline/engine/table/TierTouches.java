package io.thermocline.engine.table;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.engine.durability.CommitRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tiers one commit has changed so far, so that a failure can undo exactly those ({@link
 * #abortAll}). A hot tier is recorded before it is written (an in-memory undo is always safe); a
 * cold tier only after a write succeeded, because a failed cold write is atomic and left nothing,
 * and the cold tier may be the thing that is failing. It also collects the hot rows the commit
 * ended and created, for its log record ({@link #toRecord}). Used by the committing thread only.
 */
public final class TierTouches {
  private final Map<HybridTable, boolean[]> touched = new LinkedHashMap<>();
  private final Map<HybridTable, List<ColumnBatch>[]> hotRows = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  private List<ColumnBatch>[] rowsOf(HybridTable t) {
    return hotRows.computeIfAbsent(
        t, k -> (List<ColumnBatch>[]) new List<?>[] {new ArrayList<>(), new ArrayList<>()});
  }

  void hotEnded(HybridTable t, ColumnBatch rows) {
    if (rows.rowCount() > 0) {
      rowsOf(t)[0].add(rows);
    }
  }

  void hotInserted(HybridTable t, ColumnBatch rows) {
    if (rows.rowCount() > 0) {
      rowsOf(t)[1].add(rows);
    }
  }

  /** The commit record of this commit: the hot rows it ended and created, per table. */
  public CommitRecord toRecord(long cid) {
    List<CommitRecord.TableChanges> tables = new ArrayList<>();
    for (Map.Entry<HybridTable, List<ColumnBatch>[]> e : hotRows.entrySet()) {
      tables.add(
          new CommitRecord.TableChanges(
              e.getKey().name(),
              e.getKey().schema().size(),
              RowBatches.toRows(e.getValue()[0]),
              RowBatches.toRows(e.getValue()[1])));
    }
    return new CommitRecord(CommitRecord.Kind.COMMIT, cid, tables);
  }

  void hot(HybridTable t) {
    touched.computeIfAbsent(t, k -> new boolean[2])[0] = true;
  }

  void cold(HybridTable t) {
    touched.computeIfAbsent(t, k -> new boolean[2])[1] = true;
  }

  public boolean isEmpty() {
    return touched.isEmpty();
  }

  /** Whether a cold tier was changed (its undo can fail). */
  public boolean anyCold() {
    for (boolean[] t : touched.values()) {
      if (t[1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Undoes commit {@code cid} in every touched tier. Failures are added to {@code cause} as
   * suppressed exceptions; returns false when a cold undo failed (the commit's cold changes may
   * still be there, so the caller must stop committing).
   */
  public boolean abortAll(long cid, Throwable cause) {
    boolean ok = true;
    for (Map.Entry<HybridTable, boolean[]> e : touched.entrySet()) {
      if (e.getValue()[0]) {
        try {
          e.getKey().abortHot(cid);
        } catch (RuntimeException x) {
          cause.addSuppressed(x);
        }
      }
      if (e.getValue()[1]) {
        try {
          e.getKey().abortCold(cid);
        } catch (RuntimeException x) {
          cause.addSuppressed(x);
          ok = false;
        }
      }
    }
    return ok;
  }
}
