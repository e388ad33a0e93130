package io.thermocline.hotstore;

import io.thermocline.common.config.Setting;
import java.util.List;

/**
 * The settings of the hot tier, declared once; read them from a {@link
 * io.thermocline.common.config.Config}.
 */
public final class HotStoreSettings {
  private HotStoreSettings() {}

  public static final Setting<Long> MERGE_DELTA_ROWS =
      Setting.longSetting(
          "hot.merge.delta.rows",
          1_000_000L,
          1L,
          Integer.MAX_VALUE - 4096L,
          "The DeltaMerger merges a partition once its delta holds at least this many rows.");

  public static final Setting<Long> MERGE_CHECK_INTERVAL_MS =
      Setting.longSetting(
          "hot.merge.check.interval.ms",
          200L,
          1L,
          3_600_000L,
          "How often the DeltaMerger looks at the delta sizes of its partitions.");

  public static final Setting<Integer> MERGE_THREADS =
      Setting.intSetting(
          "hot.merge.threads",
          1,
          1,
          64,
          "Background threads of a DeltaMerger (partitions merged at once).");

  public static final Setting<Integer> MERGE_PARALLELISM =
      Setting.intSetting(
          "hot.merge.parallelism",
          1,
          1,
          256,
          "Threads one merge uses to build the columns of the new main in parallel.");

  public static final Setting<Integer> SCAN_PARALLELISM =
      Setting.intSetting(
          "hot.scan.parallelism",
          1,
          1,
          256,
          "Threads an aggregate over one partition uses (row ranges split, partials merged).");

  public static final Setting<Integer> BATCH_SIZE =
      new Setting<>(
          "hot.batch.size",
          Integer.class,
          4096,
          Integer::parseInt,
          v -> v >= 64 && v <= 4096 && Integer.bitCount(v) == 1,
          "a power of two in [64, 4096]",
          "Rows per vectorized block of hot scans and aggregates.");

  /** Every hot-store setting, for {@link io.thermocline.common.config.Config#parse}. */
  public static List<Setting<?>> all() {
    return List.of(
        MERGE_DELTA_ROWS,
        MERGE_CHECK_INTERVAL_MS,
        MERGE_THREADS,
        MERGE_PARALLELISM,
        SCAN_PARALLELISM,
        BATCH_SIZE);
  }
}
