package io.thermocline.admincli.admin;

import java.util.List;

/**
 * A table as {@code thermo table describe} shows it: its definition and its rows, memory and disk
 * per tier at the newest snapshot. Immutable.
 */
public record TableInfo(
    String name,
    String kind,
    List<ColumnInfo> columns,
    List<String> primaryKey,
    String timeColumn,
    String coldPartitionBy,
    String agingFlag,
    String agingRule,
    String agingSchedule,
    boolean agingEnabled,
    long hotRows,
    long coldRows,
    long hotMemoryBytes,
    int coldFiles,
    long coldBytes) {

  /** One column: name, SQL type, nullability. */
  public record ColumnInfo(String name, String type, boolean nullable) {}
}
