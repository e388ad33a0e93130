package io.thermocline.aging;

import java.time.Instant;

/**
 * One hybrid table's aging policy as the service sees it: what {@code SYS.AGING_POLICIES} shows.
 * Immutable.
 *
 * @param rule the rule's text, null without one
 * @param schedule the schedule's text, null without one
 * @param scheduled whether a job runs it (enabled with a valid schedule)
 * @param nextRun the job's next firing, null when not scheduled
 * @param problem why an enabled policy is not scheduled (invalid schedule), else null
 * @param heldRows rows a recall hold keeps hot now
 */
public record AgingPolicy(
    String table,
    String rule,
    String schedule,
    boolean enabled,
    boolean scheduled,
    Instant nextRun,
    String problem,
    AgingOptions options,
    int heldRows) {}
