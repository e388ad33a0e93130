package io.thermocline.aging;

import java.util.List;

/**
 * What a run of a table would do now, changing nothing: rows that would go each way (bounded by the
 * run's maximum), sample primary keys of each, and the estimated hot memory freed and cold bytes
 * added (net of recalls; from the tiers' average bytes per row). Immutable.
 *
 * @param rowsToCold flagged hot rows plus rows the rule would flag
 * @param rowsRuleWouldFlag of those, the rows the rule would flag (not yet flagged)
 * @param rowsToHot cold rows whose flag is cleared
 * @param rowsHeld rows the rule matches but a recall hold or the minimum hot time keeps hot
 * @param sampleToCold up to {@link #SAMPLE} primary keys of rows that would go cold
 * @param sampleToHot up to {@link #SAMPLE} primary keys of rows that would come back
 */
public record AgingDryRun(
    String table,
    long rowsToCold,
    long rowsRuleWouldFlag,
    long rowsToHot,
    long rowsHeld,
    long hotBytesFreed,
    long coldBytesAdded,
    List<Object> sampleToCold,
    List<Object> sampleToHot) {
  public static final int SAMPLE = 20;
}
