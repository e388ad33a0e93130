package io.thermocline.aging;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.time.Duration;

/**
 * How one table's runs are bounded: rows per run, rows per move batch, a throttle (rows/s, 0 =
 * none), the recall hold (no bouncing) and the minimum time a row stays hot. Immutable.
 */
public record AgingOptions(
    long maxRowsPerRun,
    int batchRows,
    long throttleRowsPerSecond,
    Duration recallHold,
    Duration minHot) {

  public AgingOptions {
    if (maxRowsPerRun < 1 || batchRows < 1 || throttleRowsPerSecond < 0) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "aging options need maxRowsPerRun >= 1, batchRows >= 1, throttle >= 0; got "
              + maxRowsPerRun
              + ", "
              + batchRows
              + ", "
              + throttleRowsPerSecond);
    }
    if (recallHold == null || recallHold.isNegative() || minHot == null || minHot.isNegative()) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "aging recall hold and minimum hot time must be >= 0");
    }
  }

  /** The defaults {@link AgingSettings} give. */
  public static AgingOptions from(Config config) {
    return new AgingOptions(
        config.get(AgingSettings.MAX_ROWS_PER_RUN),
        config.get(AgingSettings.BATCH_ROWS),
        config.get(AgingSettings.THROTTLE_ROWS_PER_SECOND),
        Duration.ofSeconds(config.get(AgingSettings.RECALL_HOLD_SECONDS)),
        Duration.ofSeconds(config.get(AgingSettings.MIN_HOT_SECONDS)));
  }

  public AgingOptions withMaxRowsPerRun(long n) {
    return new AgingOptions(n, batchRows, throttleRowsPerSecond, recallHold, minHot);
  }

  public AgingOptions withBatchRows(int n) {
    return new AgingOptions(maxRowsPerRun, n, throttleRowsPerSecond, recallHold, minHot);
  }

  public AgingOptions withThrottle(long rowsPerSecond) {
    return new AgingOptions(maxRowsPerRun, batchRows, rowsPerSecond, recallHold, minHot);
  }

  public AgingOptions withRecallHold(Duration d) {
    return new AgingOptions(maxRowsPerRun, batchRows, throttleRowsPerSecond, d, minHot);
  }

  public AgingOptions withMinHot(Duration d) {
    return new AgingOptions(maxRowsPerRun, batchRows, throttleRowsPerSecond, recallHold, d);
  }
}
