package io.thermocline.engine.durability;

import io.thermocline.engine.table.HybridTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Restart recovery over the log records after the last checkpoint: commit records re-apply their
 * hot effects in log order (cold effects are in the cold store already: a commit record is written
 * only after its cold changes are); an intent without a commit record is a commit the crash cut
 * short, so its cold changes are undone. Runs once, before the database opens; not thread-safe.
 */
public final class RestartReplay {
  private final Function<String, HybridTable> tables;
  private final List<Resolution> resolutions = new ArrayList<>();
  private long replayed;
  private long lastCid;

  /**
   * @param tables the table of the catalog under a name, or null
   * @param afterCid commits up to this id are in the checkpoint already
   */
  public RestartReplay(Function<String, HybridTable> tables, long afterCid) {
    this.tables = tables;
    this.lastCid = afterCid;
  }

  /** Applies {@code records} (log order). */
  public void apply(List<CommitLog.Logged> records, long afterCid) {
    Set<Long> committed = new HashSet<>();
    Map<Long, CommitRecord> intents = new HashMap<>();
    for (CommitLog.Logged l : records) {
      CommitRecord r = l.record();
      lastCid = Math.max(lastCid, r.cid());
      if (r.kind() == CommitRecord.Kind.COMMIT) {
        committed.add(r.cid());
      } else if (r.kind() == CommitRecord.Kind.INTENT) {
        intents.put(r.cid(), r);
      }
    }
    for (CommitRecord intent : intents.values()) {
      if (!committed.contains(intent.cid())) {
        long undone = 0;
        for (CommitRecord.TableChanges t : intent.tables()) {
          HybridTable table = tables.apply(t.table());
          if (table != null && table.definition().createdCid() <= intent.cid()) {
            undone += table.undoColdCommit(intent.cid());
          }
        }
        if (undone == 0) {
          continue; // e.g. a move that found no rows, or a crash before any cold change
        }
        resolutions.add(
            new Resolution(
                intent.cid(),
                "UNDONE",
                "intent without commit record; "
                    + undone
                    + " cold changes of "
                    + intent.tables().size()
                    + " table(s) rolled back"));
      }
    }
    for (CommitLog.Logged l : records) {
      CommitRecord r = l.record();
      if (r.kind() != CommitRecord.Kind.COMMIT || r.cid() <= afterCid) {
        continue;
      }
      for (CommitRecord.TableChanges t : r.tables()) {
        HybridTable table = tables.apply(t.table());
        if (table == null || !table.hasHot() || r.cid() < table.definition().createdCid()) {
          continue; // dropped (or dropped and created again) since
        }
        long missing = table.replayHot(r.cid(), t.ended(), t.inserted());
        if (missing > 0) {
          resolutions.add(
              new Resolution(
                  r.cid(),
                  "MISMATCH",
                  missing + " logged ended rows of table " + t.table() + " had no visible twin"));
        }
      }
      replayed++;
    }
  }

  /** Notes a resolution found elsewhere (a cut torn tail). */
  public void note(Resolution r) {
    resolutions.add(r);
  }

  public List<Resolution> resolutions() {
    return List.copyOf(resolutions);
  }

  /** Commit records re-applied. */
  public long replayed() {
    return replayed;
  }

  /** The newest commit id the log or checkpoint used. */
  public long lastCid() {
    return lastCid;
  }
}
