package io.thermocline.sql.ddl;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.type.DataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;

/** Turns a column's SQL type as written in DDL into an engine {@link DataType}. Stateless. */
final class ColumnTypes {
  private ColumnTypes() {}

  static DataType of(SqlDataTypeSpec spec, String column) {
    SqlTypeNameSpec name = spec.getTypeNameSpec();
    String type = name.getTypeName().getSimple().toUpperCase(java.util.Locale.ROOT);
    int precision = -1;
    int scale = -1;
    if (name instanceof SqlBasicTypeNameSpec basic) {
      precision = basic.getPrecision();
      scale = basic.getScale();
    }
    switch (type) {
      case "BOOLEAN":
        return DataType.BOOLEAN;
      case "INTEGER":
      case "INT":
      case "SMALLINT":
      case "TINYINT":
        return DataType.INTEGER;
      case "BIGINT":
        return DataType.BIGINT;
      case "DOUBLE":
      case "FLOAT":
      case "REAL":
        return DataType.DOUBLE;
      case "DECIMAL":
      case "NUMERIC":
        return DataType.decimal(
            precision < 0 ? DataType.MAX_DECIMAL_PRECISION : precision, Math.max(scale, 0));
      case "VARCHAR":
      case "CHAR":
      case "TEXT":
        return precision < 0 ? DataType.varchar() : DataType.varchar(precision);
      case "DATE":
        return DataType.DATE;
      case "TIMESTAMP":
        return DataType.TIMESTAMP;
      default:
        throw new ThermoException(
            ErrorCode.INVALID_SCHEMA, "column " + column + " has unsupported type " + type);
    }
  }
}
