package io.thermocline.coldstore;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.TypeKind;
import java.time.LocalDate;

/**
 * How a table's cold files are grouped into partitions by its time column ({@code COLD PARTITION BY
 * MONTH(created_at)}). A partition is a long: days since the epoch for DAY, months since 1970-01
 * for MONTH, the year for YEAR; rows with a NULL time go to partition {@link #NULL_KEY}. Partitions
 * are directories under the table's directory and the unit of compaction.
 */
public enum ColdPartitioning {
  NONE,
  DAY,
  MONTH,
  YEAR;

  public static final long NULL_KEY = Long.MIN_VALUE;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** Checks that the schema has a TIMESTAMP or DATE time column when partitioning needs one. */
  public void check(Schema schema, String table) {
    if (this == NONE) {
      return;
    }
    TypeKind k =
        schema
            .timeColumn()
            .map(t -> schema.column(t).type().kind())
            .orElseThrow(
                () ->
                    new ThermoException(
                        ErrorCode.INVALID_SCHEMA,
                        "table "
                            + table
                            + " is partitioned by "
                            + this
                            + " but has no time column"));
    if (k != TypeKind.TIMESTAMP && k != TypeKind.DATE) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "table " + table + " is partitioned by " + this + " but its time column is " + k);
    }
  }

  /** The partition of a time value of type {@code kind} (TIMESTAMP micros or DATE days). */
  public long partitionOf(long time, TypeKind kind) {
    if (this == NONE) {
      return 0;
    }
    long day = kind == TypeKind.TIMESTAMP ? Math.floorDiv(time, MICROS_PER_DAY) : time;
    if (this == DAY) {
      return day;
    }
    LocalDate d = LocalDate.ofEpochDay(day);
    return this == YEAR ? d.getYear() : (d.getYear() - 1970L) * 12 + d.getMonthValue() - 1;
  }

  /** The directory name of a partition, readable by a person browsing the root. */
  public String directory(long partition) {
    if (partition == NULL_KEY) {
      return "p_null";
    }
    return switch (this) {
      case NONE -> "p0";
      case DAY -> "p" + LocalDate.ofEpochDay(partition);
      case MONTH ->
          String.format(
              "p%04d-%02d", 1970 + Math.floorDiv(partition, 12), Math.floorMod(partition, 12) + 1);
      case YEAR -> String.format("p%04d", partition);
    };
  }
}
