package io.thermocline.admincli.server;

import io.thermocline.recovery.backup.ProgressListener;

/**
 * A route result that is long work reporting progress (backup, verify): the server answers with
 * JSON lines, {@code {"done": n, "total": m}} while it runs, then one {@code {"result": ...}} or
 * {@code {"error": {"code": ..., "message": ...}}}. Immutable.
 */
record ProgressWork(Work work) {

  /** The work; it reports to the listener and returns the result. */
  @FunctionalInterface
  interface Work {
    Object run(ProgressListener progress) throws Exception;
  }
}
