package io.thermocline.engine.txn;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.durability.CommitLog;
import io.thermocline.engine.durability.CommitRecord;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.table.TierTouches;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Applies a transaction's buffered writes as one commit (DESIGN.md section 3), under the commit
 * lock: per table, end the rows its deletes match at its snapshot (a row a later commit already
 * ended, published or not, is a write-write conflict: first committer wins), check primary keys
 * against the table's key set at the latest applied state, insert its rows; then queue the commit
 * record and update the key sets. Any failure up to here undoes the commit in every tier it touched
 * ({@code abort(cid)}) and the id becomes a gap.
 *
 * <p>Durability (DESIGN.md section 6), group commit: a commit that may change a cold tier first
 * logs an intent and waits for it (so a restart can undo cold changes the crash left without a
 * commit record). The commit record with its hot effects is queued under the lock without waiting;
 * the commit then releases the lock, so the next commits apply and queue theirs, and waits for its
 * record to be acknowledged (one fsync covers the records of many commits under SYNC): that is the
 * commit point. It then publishes in commit-id order ({@link CommitClock.Commit#publish}) and only
 * then returns. If the log fails, nothing is undone (the record may have reached the disk): the
 * gate stops further commits and the clock publishes nothing from the failed id on, until the
 * database reopens and recovery decides. Holds no state; thread-safe.
 */
public final class Committer {
  private final CommitClock clock;
  private final CommitGate gate;
  private final Function<String, HybridTable> currentTable;
  private final CommitLog log;

  /**
   * @param currentTable the table object the catalog holds now under a name (or null), to refuse
   *     writes buffered against a table that was altered or dropped since
   */
  public Committer(
      CommitClock clock,
      CommitGate gate,
      Function<String, HybridTable> currentTable,
      CommitLog log) {
    this.clock = clock;
    this.gate = gate;
    this.currentTable = currentTable;
    this.log = log;
  }

  /** A table's key set and what this commit removes from and adds to it. */
  private record KeyChange(KeySet keys, KeySet removed, KeySet added) {}

  /**
   * Commits the writes read at {@code snapshot}; returns the commit id once durable and visible.
   */
  public long commit(long snapshot, List<TableWrites> writes) {
    try (CommitClock.Commit c = clock.begin()) {
      gate.check();
      long cid = c.cid();
      long lsn = applyAndLog(c, snapshot, writes);
      c.unlock();
      try {
        log.awaitAcknowledged(lsn);
      } catch (RuntimeException | Error e) {
        // The record may or may not have reached the disk: recovery decides after a reopen.
        gate.fail(cid, e);
        c.fail(e);
        throw e;
      }
      c.publish();
      return cid;
    }
  }

  /**
   * Under the commit lock: applies the writes at {@code c}'s id, queues the commit record and
   * updates the key sets, so the next commit's checks see this one; returns the record's LSN.
   */
  private long applyAndLog(CommitClock.Commit c, long snapshot, List<TableWrites> writes) {
    long cid = c.cid();
    TierTouches touched = new TierTouches();
    boolean logging = false;
    try {
      logIntent(cid, writes);
      List<KeyChange> keyChanges = new ArrayList<>();
      for (TableWrites w : writes) {
        if (!w.isEmpty()) {
          keyChanges.add(apply(w, cid, snapshot, touched));
        }
      }
      logging = true;
      long lsn = log.appendNoWait(touched.toRecord(cid));
      for (KeyChange k : keyChanges) {
        if (k != null) {
          k.keys().removeAll(k.removed());
          k.keys().addAll(k.added());
        }
      }
      return lsn;
    } catch (RuntimeException | Error e) {
      if (logging || !touched.abortAll(cid, e)) {
        // Changes at cid stay in a tier: no later id may be published over them.
        gate.fail(cid, e);
        c.fail(e);
      }
      throw e;
    }
  }

  private void logIntent(long cid, List<TableWrites> writes) {
    List<CommitRecord.TableChanges> cold = new ArrayList<>();
    for (TableWrites w : writes) {
      // Inserts into a hybrid table go hot only; deletes and new versions of cold rows may not.
      boolean mayTouchCold =
          w.table().definition().hasCold()
              && (w.hasDeletes() || !w.coldBatches().isEmpty() || !w.table().definition().hasHot());
      if (!w.isEmpty() && mayTouchCold) {
        cold.add(new CommitRecord.TableChanges(w.table().name(), 0, List.of(), List.of()));
      }
    }
    if (!cold.isEmpty()) {
      log.append(new CommitRecord(CommitRecord.Kind.INTENT, cid, cold));
    }
  }

  private KeyChange apply(TableWrites w, long cid, long snapshot, TierTouches touched) {
    HybridTable t = w.table();
    if (currentTable.apply(t.name()) != t) {
      throw new ThermoException(
          ErrorCode.SERIALIZATION_FAILURE,
          "table " + t.name() + " was altered or dropped after the transaction began; retry");
    }
    KeySet keys = t.keys();
    KeySet removed = keys == null ? null : keys.emptyCopy();
    if (w.hasDeletes()) {
      t.endRows(cid, snapshot, w.combinedDelete(), removed, touched);
    }
    List<ColumnBatch> inserts = w.insertBatches();
    List<ColumnBatch> coldInserts = w.coldBatches();
    KeySet added = keys == null ? null : keys.emptyCopy();
    if (keys != null) {
      List<ColumnBatch> all = new ArrayList<>(inserts);
      all.addAll(coldInserts);
      for (ColumnBatch b : all) {
        for (int r = 0; r < b.rowCount(); r++) {
          if (!added.add(b, r) || (keys.contains(b, r) && !removed.contains(b, r))) {
            throw keys.duplicate(t.name(), b, r);
          }
        }
      }
    }
    if (!inserts.isEmpty() || !coldInserts.isEmpty()) {
      t.insert(cid, inserts, coldInserts, touched);
    }
    return keys == null ? null : new KeyChange(keys, removed, added);
  }
}
