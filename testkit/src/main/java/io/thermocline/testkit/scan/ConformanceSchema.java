package io.thermocline.testkit.scan;

import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.util.List;

/**
 * The table every tier's scan conformance test runs on: one column of every type, all nullable
 * except the row id and the time column. Immutable.
 */
public final class ConformanceSchema {
  /** Unique per inserted row; BIGINT NOT NULL. */
  public static final String ID = "id";

  /** The time column (cold files sort by it); TIMESTAMP NOT NULL. */
  public static final String TS = "ts";

  public static final String FLAG = "flag";
  public static final String QTY = "qty";
  public static final String BIG = "big";
  public static final String RATIO = "ratio";
  public static final String AMOUNT = "amount";

  /** VARCHAR(16) with a handful of distinct values (dictionary-friendly). */
  public static final String REGION = "region";

  /** VARCHAR(16) with mostly distinct values, including non-ASCII and surrogate pairs. */
  public static final String LABEL = "label";

  public static final String DAY = "day";

  /** A nullable TIMESTAMP. */
  public static final String SEEN = "seen";

  /** DECIMAL(12,2): largest unscaled value. */
  public static final long AMOUNT_MAX_UNSCALED = 999_999_999_999L;

  private static final Schema SCHEMA =
      Schema.of(
              Column.notNull(ID, DataType.BIGINT),
              Column.notNull(TS, DataType.TIMESTAMP),
              Column.nullable(FLAG, DataType.BOOLEAN),
              Column.nullable(QTY, DataType.INTEGER),
              Column.nullable(BIG, DataType.BIGINT),
              Column.nullable(RATIO, DataType.DOUBLE),
              Column.nullable(AMOUNT, DataType.decimal(12, 2)),
              Column.nullable(REGION, DataType.varchar(16)),
              Column.nullable(LABEL, DataType.varchar(16)),
              Column.nullable(DAY, DataType.DATE),
              Column.nullable(SEEN, DataType.TIMESTAMP))
          .withTimeColumn(TS);

  private ConformanceSchema() {}

  public static Schema schema() {
    return SCHEMA;
  }

  /** Columns SUM and AVG apply to (integral, DOUBLE, DECIMAL). */
  public static List<String> numericColumns() {
    return List.of(QTY, BIG, RATIO, AMOUNT, ID);
  }

  /** Columns with few distinct values, good GROUP BY keys. */
  public static List<String> groupColumns() {
    return List.of(FLAG, REGION, DAY, QTY);
  }
}
