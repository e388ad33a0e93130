package io.thermocline.aging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The bounded history of runs, oldest first; the oldest are dropped beyond the capacity. Kept in
 * memory and, when a log is given, appended to disk and reloaded by the next service. Thread-safe
 * (one monitor, held for a deque operation, a copy or a log append).
 */
public final class AgingRuns {
  private final int capacity;
  private final Deque<AgingRun> runs = new ArrayDeque<>();

  private final AgingRunLog log;

  AgingRuns(int capacity, AgingRunLog log) {
    this.capacity = capacity;
    this.log = log;
    if (log != null) {
      for (AgingRun r : log.load()) {
        keep(r);
      }
    }
  }

  synchronized void add(AgingRun run) {
    keep(run);
    if (log != null) {
      log.append(run, runs);
    }
  }

  private void keep(AgingRun run) {
    if (runs.size() == capacity) {
      runs.removeFirst();
    }
    runs.addLast(run);
  }

  /** The newest run id kept, 0 when none. */
  synchronized long lastId() {
    return runs.isEmpty() ? 0 : runs.getLast().id();
  }

  /** Why the history could not be written or read, or null. */
  public String persistenceProblem() {
    return log == null ? null : log.lastFailure();
  }

  /** Every kept run, oldest first. */
  public synchronized List<AgingRun> all() {
    return new ArrayList<>(runs);
  }

  /** The kept runs of {@code table} (exact name), oldest first. */
  public synchronized List<AgingRun> of(String table) {
    List<AgingRun> out = new ArrayList<>();
    for (AgingRun r : runs) {
      if (r.table().equals(table)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The newest run of {@code table}, or null. */
  public synchronized AgingRun last(String table) {
    var it = runs.descendingIterator();
    while (it.hasNext()) {
      AgingRun r = it.next();
      if (r.table().equals(table)) {
        return r;
      }
    }
    return null;
  }
}
