package io.thermocline.common.schema;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.type.DataType;

/** A named, typed column. Immutable. */
public record Column(String name, DataType type, boolean nullable) {

  public Column {
    if (name == null || name.isBlank()) {
      throw new ThermoException(ErrorCode.INVALID_SCHEMA, "column name is empty");
    }
    if (type == null) {
      throw new ThermoException(ErrorCode.INVALID_SCHEMA, "column " + name + " has no type");
    }
  }

  public static Column nullable(String name, DataType type) {
    return new Column(name, type, true);
  }

  public static Column notNull(String name, DataType type) {
    return new Column(name, type, false);
  }

  /**
   * Converts a user value to its storage value, checking type, length, range and NOT NULL; the
   * error names this column.
   */
  public Object toStorage(Object value) {
    if (value == null) {
      if (!nullable) {
        throw new ThermoException(
            ErrorCode.NOT_NULL_VIOLATION, "column " + name + " is NOT NULL but the value is NULL");
      }
      return null;
    }
    return type.toStorage(value, name);
  }
}
