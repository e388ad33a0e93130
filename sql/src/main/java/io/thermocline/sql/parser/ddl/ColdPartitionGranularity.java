package io.thermocline.sql.parser.ddl;

/** How {@code COLD PARTITION BY unit(column)} groups a table's cold files by time. */
public enum ColdPartitionGranularity {
  YEAR,
  MONTH,
  DAY
}
