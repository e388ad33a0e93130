package io.thermocline.hotstore.series;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import java.util.Arrays;
import java.util.List;

/**
 * How a series partition orders and encodes its main: the series key columns, the period column
 * (LONG-stored: TIMESTAMP, DATE or an integer) and the grid increment in the period's unit (0: not
 * equidistant; a run with a constant step is still stored as a grid). Immutable.
 */
public record SeriesLayout(int[] keyColumns, int periodColumn, long increment) {
  public SeriesLayout {
    keyColumns = keyColumns.clone();
    if (increment < 0) {
      throw new IllegalArgumentException("negative series increment " + increment);
    }
  }

  /** The layout of {@code schema} for key and period columns given by name. */
  public static SeriesLayout of(Schema schema, List<String> keys, String period, long increment) {
    int[] k = new int[keys.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = schema.indexOf(keys.get(i));
    }
    int p = schema.indexOf(period);
    if (schema.column(p).type().storage() != StorageClass.LONG) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "period column " + period + " must be a TIMESTAMP, DATE or integer column");
    }
    for (int c : k) {
      if (c == p) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT, "period column " + period + " cannot be a series key");
      }
    }
    return new SeriesLayout(k, p, increment);
  }

  @Override
  public int[] keyColumns() {
    return keyColumns.clone();
  }

  /** The position of {@code column} among the key columns, or -1. */
  public int keySlot(int column) {
    for (int i = 0; i < keyColumns.length; i++) {
      if (keyColumns[i] == column) {
        return i;
      }
    }
    return -1;
  }

  int keyCount() {
    return keyColumns.length;
  }

  int keyColumn(int slot) {
    return keyColumns[slot];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesLayout l
        && Arrays.equals(keyColumns, l.keyColumns)
        && periodColumn == l.periodColumn
        && increment == l.increment;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(keyColumns) * 31 + periodColumn * 17 + Long.hashCode(increment);
  }

  @Override
  public String toString() {
    return "SeriesLayout[keys="
        + Arrays.toString(keyColumns)
        + ", period="
        + periodColumn
        + ", increment="
        + increment
        + "]";
  }
}
