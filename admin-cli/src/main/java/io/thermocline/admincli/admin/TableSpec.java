package io.thermocline.admincli.admin;

import java.util.List;

/**
 * A table as {@code thermo table create} describes it: name, kind (HOT, HYBRID or COLD), columns in
 * SQL words ({@link ColumnSyntax}), primary key, time column, cold partitioning (NONE, DAY, MONTH,
 * YEAR) and, for hybrid tables, the aging rule, schedule and whether aging is enabled. Null fields
 * take the engine's defaults. Immutable.
 */
public record TableSpec(
    String name,
    String kind,
    List<String> columns,
    List<String> primaryKey,
    String timeColumn,
    String coldPartitionBy,
    String agingRule,
    String agingSchedule,
    Boolean agingEnabled) {

  public TableSpec {
    columns = columns == null ? List.of() : List.copyOf(columns);
    primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
  }
}
