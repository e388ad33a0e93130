package io.thermocline.aging;

import io.thermocline.common.config.Setting;
import java.util.List;

/** The aging service's settings: the defaults of every table's {@link AgingOptions}. Constants. */
public final class AgingSettings {
  private AgingSettings() {}

  public static final Setting<Long> MAX_ROWS_PER_RUN =
      Setting.longSetting(
          "aging.max.rows.per.run",
          1_000_000L,
          1,
          Long.MAX_VALUE,
          "Rows one run moves at most, both directions together.");

  public static final Setting<Integer> BATCH_ROWS =
      Setting.intSetting(
          "aging.batch.rows", 10_000, 1, 10_000_000, "Rows per move batch (one commit each).");

  public static final Setting<Long> THROTTLE_ROWS_PER_SECOND =
      Setting.longSetting(
          "aging.throttle.rows.per.second",
          0L,
          0,
          Long.MAX_VALUE,
          "Upper bound on the rows a run moves per second; 0 means unthrottled.");

  public static final Setting<Long> RECALL_HOLD_SECONDS =
      Setting.longSetting(
          "aging.recall.hold.seconds",
          86_400L,
          0,
          Long.MAX_VALUE,
          "After an application clears a cold row's flag, the rule leaves the row alone this long.");

  public static final Setting<Long> MIN_HOT_SECONDS =
      Setting.longSetting(
          "aging.min.hot.seconds",
          0L,
          0,
          Long.MAX_VALUE,
          "A row the rule matches stays hot at least this long after the service first saw it;"
              + " 0 turns it off.");

  public static final Setting<Integer> HISTORY_RUNS =
      Setting.intSetting(
          "aging.history.runs", 1_000, 1, 1_000_000, "Runs the in-memory history keeps.");

  public static final Setting<Boolean> PERSIST_HISTORY =
      Setting.booleanSetting(
          "aging.history.persist",
          true,
          "Append each run to <data directory>/aging/runs.tsv and reload the history at start.");

  public static final Setting<Boolean> PERSIST_HOLDS =
      Setting.booleanSetting(
          "aging.holds.persist",
          true,
          "Keep recall holds and first-seen times in <data directory>/aging/holds-*.bin so a"
              + " restart does not re-flag a recalled row during its hold.");

  public static final Setting<Integer> THREADS =
      Setting.intSetting("aging.threads", 2, 1, 64, "Threads of the aging scheduler's pool.");

  public static List<Setting<?>> all() {
    return List.of(
        MAX_ROWS_PER_RUN,
        BATCH_ROWS,
        THROTTLE_ROWS_PER_SECOND,
        RECALL_HOLD_SECONDS,
        MIN_HOT_SECONDS,
        HISTORY_RUNS,
        PERSIST_HISTORY,
        PERSIST_HOLDS,
        THREADS);
  }
}
