package io.thermocline.engine.table;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tiers one commit has changed so far, so that a failure can undo exactly those ({@link
 * #abortAll}). A hot tier is recorded before it is written (an in-memory undo is always safe); a
 * cold tier only after a write succeeded, because a failed cold write is atomic and left nothing,
 * and the cold tier may be the thing that is failing. Used by the committing thread only.
 */
public final class TierTouches {
  private final Map<HybridTable, boolean[]> touched = new LinkedHashMap<>();

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
