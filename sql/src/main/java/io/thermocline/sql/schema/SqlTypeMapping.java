package io.thermocline.sql.schema;

import io.thermocline.common.type.DataType;
import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps engine types to Calcite SQL types and engine storage values to Calcite's internal values.
 * Stateless.
 *
 * <p>Calcite holds DATE as an int of epoch days and TIMESTAMP as a long of epoch milliseconds of
 * the wall-clock time; the engine keeps TIMESTAMP in microseconds (UTC wall clock), so SQL sees
 * millisecond precision.
 */
public final class SqlTypeMapping {
  private SqlTypeMapping() {}

  public static RelDataType relType(DataType type, boolean nullable, RelDataTypeFactory factory) {
    RelDataType t =
        switch (type.kind()) {
          case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
          case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
          case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
          case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
          case DECIMAL ->
              factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
          case VARCHAR -> factory.createSqlType(SqlTypeName.VARCHAR, type.length());
          case DATE -> factory.createSqlType(SqlTypeName.DATE);
          case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 3);
        };
    return factory.createTypeWithNullability(t, nullable);
  }

  /** A storage value as the value Calcite's enumerable code expects for {@code type}. */
  public static Object toInternal(DataType type, Object storage) {
    if (storage == null) {
      return null;
    }
    return switch (type.kind()) {
      case BOOLEAN -> ((Long) storage) != 0L;
      case INTEGER, DATE -> (int) (long) (Long) storage;
      case BIGINT, DOUBLE, VARCHAR -> storage;
      case DECIMAL -> BigDecimal.valueOf((Long) storage, type.scale());
      case TIMESTAMP -> Math.floorDiv((Long) storage, 1000L);
    };
  }
}
