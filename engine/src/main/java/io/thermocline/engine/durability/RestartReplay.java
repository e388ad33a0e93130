package io.thermocline.engine.durability;

import io.thermocline.engine.table.HybridTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restart recovery ({@link #recover}): reads the hot checkpoint's meta section, streams the log
 * records after it, undoes the cold changes of intents without a commit record (commits the crash
 * cut short), then loads the checkpoint rows and the replayed rows into the hot tiers.
 *
 * <p>A commit counts only with its COMMIT record: ROWS records of a big commit wait for it, and are
 * dropped (resolution {@code DROPPED}) if the log ends first. Hot effects are folded per table into
 * their net effect ({@link HotReplayTable}) before any row is inserted, so a logged ended row costs
 * a hash lookup, not a pass over the hot tier. Cold effects are in the cold store already: a commit
 * record is written only after its cold changes are. Runs once, before the database opens; not
 * thread-safe.
 */
public final class RestartReplay {
  private static final Logger LOG = LoggerFactory.getLogger(RestartReplay.class);

  private final Function<String, HybridTable> tables;
  private final long afterCid;
  private final List<Resolution> resolutions = new ArrayList<>();
  private final Map<Long, CommitRecord> openIntents = new LinkedHashMap<>();
  private final Map<Long, List<CommitRecord>> openRows = new HashMap<>();
  private final Map<HybridTable, HotReplayTable> hot = new LinkedHashMap<>();
  private long replayed;
  private long lastCid;
  private long records;
  private String timings = "";

  /**
   * @param tables the table of the catalog under a name, or null
   * @param afterCid commits up to this id are in the checkpoint already
   */
  public RestartReplay(Function<String, HybridTable> tables, long afterCid) {
    this.tables = tables;
    this.afterCid = afterCid;
    this.lastCid = afterCid;
  }

  /**
   * Recovers the hot tiers of {@code tables} (empty, just built from the catalog) and the cold
   * tiers' in-doubt commits from the checkpoint and the log under {@code dataDirectory}.
   */
  public static RestartReplay recover(
      Path dataDirectory, CommitLog log, Function<String, HybridTable> tables) {
    long t0 = System.nanoTime();
    HotCheckpoint.Image image = HotCheckpoint.readMeta(dataDirectory);
    log.noteTimeMicros(image.timeMicros());
    RestartReplay replay = new RestartReplay(tables, image.cid());
    if (log.recoveryReport().tailCut()) {
      replay.note(new Resolution(-1, "TAIL_CUT", log.recoveryReport().toString()));
    }
    log.forEach(image.lsn(), replay::accept);
    replay.finishLog();
    long t1 = System.nanoTime();
    long checkpointRows = HotCheckpoint.loadRows(image, tables, replay.hot::get);
    long t2 = System.nanoTime();
    long placed = replay.placeReplayed();
    long t3 = System.nanoTime();
    replay.timings =
        String.format(
            "log %d records %d ms, checkpoint %d rows %d ms, replayed rows %d %d ms",
            replay.records,
            (t1 - t0) / 1_000_000,
            checkpointRows,
            (t2 - t1) / 1_000_000,
            placed,
            (t3 - t2) / 1_000_000);
    LOG.info("restart of {}: {}", dataDirectory, replay.timings);
    return replay;
  }

  /** Takes one record (log order). */
  public void accept(CommitLog.Logged l) {
    CommitRecord r = l.record();
    records++;
    lastCid = Math.max(lastCid, r.cid());
    switch (r.kind()) {
      case INTENT -> openIntents.put(r.cid(), r);
      case ROWS -> {
        if (r.cid() > afterCid) {
          openRows.computeIfAbsent(r.cid(), k -> new ArrayList<>()).add(r);
        }
      }
      case COMMIT -> {
        openIntents.remove(r.cid());
        List<CommitRecord> chunks = openRows.remove(r.cid());
        if (r.cid() > afterCid) {
          if (chunks != null) {
            for (CommitRecord chunk : chunks) {
              fold(chunk);
            }
          }
          fold(r);
          replayed++;
        }
      }
      case DDL -> {
        // The catalog holds the change; the record only keeps the id sequence exact.
      }
    }
  }

  private void fold(CommitRecord r) {
    for (CommitRecord.TableChanges t : r.tables()) {
      HybridTable table = tables.apply(t.table());
      if (table == null || !table.hasHot() || r.cid() < table.definition().createdCid()) {
        continue; // dropped (or dropped and created again) since
      }
      HotReplayTable effect = hot.computeIfAbsent(table, HotReplayTable::new);
      for (Object[] row : t.ended()) {
        effect.end(row, r.cid());
      }
      for (Object[] row : t.inserted()) {
        effect.insert(row, r.cid());
      }
    }
  }

  /** The log is read: undo intents without a commit record, drop rows without one. */
  private void finishLog() {
    for (CommitRecord intent : openIntents.values()) {
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
    openIntents.clear();
    for (Map.Entry<Long, List<CommitRecord>> e : openRows.entrySet()) {
      resolutions.add(
          new Resolution(
              e.getKey(),
              "DROPPED",
              e.getValue().size()
                  + " row record(s) of a commit whose commit record is not in the log (the crash"
                  + " cut the commit short): not applied"));
    }
    openRows.clear();
  }

  /** Inserts the replayed rows and reports logged ends that found no row. */
  private long placeReplayed() {
    long placed = 0;
    for (HotReplayTable t : hot.values()) {
      if (t.unmatchedEnds() > 0) {
        resolutions.add(
            new Resolution(
                t.firstUnmatchedCid(),
                "MISMATCH",
                t.unmatchedEnds()
                    + " logged ended rows of table "
                    + t.table().name()
                    + " had no visible twin (first in commit "
                    + t.firstUnmatchedCid()
                    + ")"));
      }
      placed += t.placeInserted();
    }
    hot.clear();
    return placed;
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

  /** Where the time of the last {@link #recover} went, for logs and benchmarks. */
  public String timings() {
    return timings;
  }
}
