package io.thermocline.coldstore;

import io.thermocline.common.config.Setting;
import java.util.List;

/** The cold tier's settings, declared once; read from a {@code Config}. */
public final class ColdSettings {
  private ColdSettings() {}

  public static final Setting<String> ROOT =
      Setting.stringSetting(
          "cold.root",
          "",
          "URI of the directory holding the cold Parquet files (file://, hdfs://, s3a://);"
              + " empty means file:// <data directory>/cold");

  public static final Setting<Integer> ZSTD_LEVEL =
      Setting.intSetting("cold.zstd.level", 3, 1, 22, "ZSTD level of cold Parquet pages");

  public static final Setting<Integer> ROW_GROUP_ROWS =
      Setting.intSetting(
          "cold.rowgroup.rows", 1 << 20, 64, 1 << 28, "most rows in one Parquet row group");

  public static final Setting<Long> ROW_GROUP_BYTES =
      Setting.longSetting(
          "cold.rowgroup.bytes",
          128L << 20,
          1L << 16,
          1L << 34,
          "buffered bytes at which a row group is closed early");

  public static final Setting<Integer> PAGE_ROWS =
      Setting.intSetting(
          "cold.page.rows",
          20_000,
          16,
          1 << 24,
          "most rows in one data page: the granularity of page pruning by column index");

  public static final Setting<Integer> PAGE_BYTES =
      Setting.intSetting("cold.page.bytes", 1 << 20, 1 << 12, 1 << 28, "target data page size");

  public static final Setting<Long> SMALL_FILE_ROWS =
      Setting.longSetting(
          "cold.compaction.small.file.rows",
          262_144,
          0,
          Long.MAX_VALUE,
          "files with fewer rows are merged with each other (and with the folded delta)"
              + " by compaction");

  public static final Setting<Integer> FILE_MAX_ROWS =
      Setting.intSetting(
          "cold.file.max.rows",
          1 << 22,
          64,
          1 << 30,
          "most rows an import or compaction puts in one file");

  public static final Setting<Integer> FOOTER_CACHE_FILES =
      Setting.intSetting(
          "cold.footer.cache.files", 128, 0, 1 << 20, "verified Parquet footers kept in memory");

  public static final Setting<Boolean> SYNC_METADATA =
      Setting.booleanSetting(
          "cold.metadata.sync",
          true,
          "fsync RocksDB's WAL on every cold-tier change (off only for tests and bulk loads)");

  public static final List<Setting<?>> ALL =
      List.of(
          ROOT,
          ZSTD_LEVEL,
          ROW_GROUP_ROWS,
          ROW_GROUP_BYTES,
          PAGE_ROWS,
          PAGE_BYTES,
          SMALL_FILE_ROWS,
          FILE_MAX_ROWS,
          FOOTER_CACHE_FILES,
          SYNC_METADATA);
}
