package io.thermocline.aging;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The anti-bounce memory of one table, by row identity (the primary key, or every column but the
 * flag for a table without one): rows recalled by an application (their flag cleared while cold)
 * with the time until which the rule must not flag them again, and, when a minimum hot time is set,
 * when the service first saw each row the rule matches. {@link #changed()} tells the table's ager
 * to write {@link RowHoldsFile} again, so holds survive a restart. Not thread-safe: used under the
 * table's run lock only.
 */
final class RowHolds {
  private final Map<Object, Long> heldUntil;
  private Map<Object, Long> firstSeen;
  private boolean changed;

  RowHolds() {
    this(new HashMap<>(), new HashMap<>());
  }

  RowHolds(Map<Object, Long> heldUntil, Map<Object, Long> firstSeen) {
    this.heldUntil = heldUntil;
    this.firstSeen = firstSeen;
  }

  /** Holds {@code key} until {@code untilMillis} unless it is held longer already. */
  void hold(Object key, long untilMillis) {
    Long before = heldUntil.get(key);
    if (before == null || before < untilMillis) {
      heldUntil.put(key, untilMillis);
      changed = true;
    }
  }

  boolean isHeld(Object key, long nowMillis) {
    Long until = heldUntil.get(key);
    return until != null && until > nowMillis;
  }

  /** Forgets expired holds so the map only grows with recent recalls. */
  void expire(long nowMillis) {
    Iterator<Map.Entry<Object, Long>> it = heldUntil.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue() <= nowMillis) {
        it.remove();
        changed = true;
      }
    }
  }

  /** Adds every key held at {@code nowMillis} to {@code out}. */
  void addHeldKeys(Set<Object> out, long nowMillis) {
    for (Map.Entry<Object, Long> e : heldUntil.entrySet()) {
      if (e.getValue() > nowMillis) {
        out.add(e.getKey());
      }
    }
  }

  int heldCount() {
    return heldUntil.size();
  }

  /** When the service first saw {@code key} as a rule match; records now when it is new. */
  long firstSeen(Object key, long nowMillis, Map<Object, Long> seenThisRun) {
    Long t = firstSeen.get(key);
    long first = t == null ? nowMillis : t;
    seenThisRun.put(key, first);
    return first;
  }

  /** Keeps only the rows seen in the last run: rows that aged or left the rule are forgotten. */
  void replaceFirstSeen(Map<Object, Long> seenThisRun) {
    if (!seenThisRun.equals(firstSeen)) {
      changed = true;
    }
    firstSeen = seenThisRun;
  }

  /** Whether anything changed since the last {@link #markSaved()}. */
  boolean changed() {
    return changed;
  }

  void markSaved() {
    changed = false;
  }

  Map<Object, Long> heldUntil() {
    return heldUntil;
  }

  Map<Object, Long> firstSeenTimes() {
    return firstSeen;
  }
}
