package io.thermocline.aging;

import java.time.Instant;

/**
 * One finished run of a table's policy: what {@code SYS.AGING_RUNS} shows. Immutable.
 *
 * @param id the run's number, increasing within the service's lifetime
 * @param trigger SCHEDULED or MANUAL
 * @param rowsFlagged rows the rule flagged in this run
 * @param rowsToCold rows moved to the cold tier
 * @param rowsToHot rows recalled to the hot tier
 * @param status SUCCEEDED or FAILED
 * @param error the failure's message (with its error code), null when it succeeded
 */
public record AgingRun(
    long id,
    String table,
    Trigger trigger,
    Instant start,
    Instant end,
    long rowsFlagged,
    long rowsToCold,
    long rowsToHot,
    Status status,
    String error) {

  /** What started a run. */
  public enum Trigger {
    SCHEDULED,
    MANUAL
  }

  /** How a run ended. */
  public enum Status {
    SUCCEEDED,
    FAILED
  }
}
