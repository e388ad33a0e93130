package io.thermocline.aging;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The anti-bounce memory of one table, by primary key: rows recalled by an application (their flag
 * cleared while cold) with the time until which the rule must not flag them again, and, when a
 * minimum hot time is set, when the service first saw each row the rule matches. In memory only: a
 * restart forgets holds (see docs/design-notes.md, "Aging"). Not thread-safe: used under the
 * table's run lock only.
 */
final class RowHolds {
  private final Map<Object, Long> heldUntil = new HashMap<>();
  private Map<Object, Long> firstSeen = new HashMap<>();

  /** Holds {@code key} until {@code untilMillis} unless it is held longer already. */
  void hold(Object key, long untilMillis) {
    heldUntil.merge(key, untilMillis, Math::max);
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
    firstSeen = seenThisRun;
  }
}
