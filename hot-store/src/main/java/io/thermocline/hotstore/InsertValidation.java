package io.thermocline.hotstore;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.TypeKind;
import io.thermocline.hotstore.bits.Masks;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks storage values against a schema before anything is appended, so that a failed insert
 * leaves the partition unchanged: vector/value classes, NOT NULL, VARCHAR length, and the ranges of
 * INTEGER, BOOLEAN and DECIMAL. Errors name the partition, the column and the row. Stateless.
 */
final class InsertValidation {
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private InsertValidation() {}

  static void validateBatch(String partition, Schema schema, ColumnBatch batch) {
    if (batch.columnCount() != schema.size()) {
      throw new ThermoException(
          ErrorCode.WRONG_COLUMN_COUNT,
          "batch for partition "
              + partition
              + " has "
              + batch.columnCount()
              + " columns but the table has "
              + schema.size()
              + " "
              + schema.names());
    }
    int n = batch.rowCount();
    for (int c = 0; c < schema.size(); c++) {
      Column col = schema.column(c);
      ColumnVector v = batch.column(c);
      boolean classOk =
          switch (col.type().storage()) {
            case LONG -> v instanceof LongVector;
            case DOUBLE -> v instanceof DoubleVector;
            case STRING -> v instanceof StringVector;
          };
      if (!classOk) {
        throw new ThermoException(
            ErrorCode.TYPE_MISMATCH,
            "column "
                + col.name()
                + " of partition "
                + partition
                + " is "
                + col.type().sql()
                + " but the batch holds a "
                + v.getClass().getSimpleName());
      }
      checkShape(partition, col, v, n);
      if (!col.nullable() && Masks.anyInRange(v.nulls(), 0, n)) {
        throw notNull(partition, col);
      }
      if (v instanceof LongVector lv) {
        checkLongs(partition, col, lv, n);
      } else if (v instanceof StringVector sv) {
        checkStrings(partition, col, sv, n);
      }
    }
  }

  /**
   * Backing arrays must hold the batch's rows and dictionary ids must point into the dictionary.
   */
  private static void checkShape(String partition, Column col, ColumnVector v, int n) {
    int length;
    if (v instanceof LongVector lv) {
      length = lv.values().length;
    } else if (v instanceof DoubleVector dv) {
      length = dv.values().length;
    } else {
      StringVector sv = (StringVector) v;
      if (sv.isDictionaryEncoded()) {
        length = sv.ids().length;
        int size = sv.dictionary().length;
        for (int i = 0; i < Math.min(n, length); i++) {
          int id = sv.ids()[i];
          if ((id < 0 || id >= size) && !sv.isNull(i)) {
            throw malformed(
                partition, col, "row " + i + " has dictionary id " + id + " of " + size);
          }
        }
      } else {
        length = -1;
      }
    }
    if (length >= 0 && length < n) {
      throw malformed(partition, col, "the vector holds " + length + " of " + n + " rows");
    }
    if (v.nulls() != null && v.nulls().length < Masks.words(n)) {
      throw malformed(partition, col, "the null bitmap is shorter than " + n + " rows");
    }
  }

  private static ThermoException malformed(String partition, Column col, String what) {
    return new ThermoException(
        ErrorCode.INVALID_ARGUMENT,
        "malformed batch for column " + col.name() + " of partition " + partition + ": " + what);
  }

  /** The allowed range of a LONG-stored type, or null when every long is allowed. */
  private static long[] range(DataType t) {
    if (t.kind() == TypeKind.INTEGER) {
      return new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
    }
    if (t.kind() == TypeKind.BOOLEAN) {
      return new long[] {0, 1};
    }
    if (t.kind() == TypeKind.DECIMAL) {
      return new long[] {-(POW10[t.precision()] - 1), POW10[t.precision()] - 1};
    }
    return null;
  }

  private static void checkLongs(String partition, Column col, LongVector lv, int n) {
    long[] range = range(col.type());
    if (range == null) {
      return;
    }
    long[] values = lv.values();
    for (int i = 0; i < n; i++) {
      if ((values[i] < range[0] || values[i] > range[1]) && !lv.isNull(i)) {
        throw outOfRange(partition, col, values[i], i);
      }
    }
  }

  private static ThermoException outOfRange(String partition, Column col, long v, int row) {
    return new ThermoException(
        ErrorCode.NUMERIC_OUT_OF_RANGE,
        "column "
            + col.name()
            + " of partition "
            + partition
            + " is "
            + col.type().sql()
            + " and cannot hold "
            + v
            + " (row "
            + row
            + ")");
  }

  private static void checkStrings(String partition, Column col, StringVector sv, int n) {
    int max = col.type().length();
    if (sv.isDictionaryEncoded()) {
      String[] dict = sv.dictionary();
      boolean anyLong = false;
      for (String s : dict) {
        anyLong |= s != null && s.length() > max;
      }
      if (!anyLong) {
        return;
      }
    }
    for (int i = 0; i < n; i++) {
      String s;
      try {
        s = sv.get(i);
      } catch (ArrayIndexOutOfBoundsException e) {
        throw malformed(partition, col, "the vector holds fewer than " + n + " rows");
      }
      if (s == null) {
        if (!col.nullable()) {
          throw notNull(partition, col);
        }
      } else if (s.length() > max) {
        throw tooLong(partition, col, s, i);
      }
    }
  }

  /** Validates storage rows; returns them unchanged when valid. */
  static void validateRows(String partition, Schema schema, List<Object[]> rows) {
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      if (row == null || row.length != schema.size()) {
        throw new ThermoException(
            ErrorCode.WRONG_COLUMN_COUNT,
            "row "
                + r
                + " for partition "
                + partition
                + " has "
                + (row == null ? 0 : row.length)
                + " values but the table has "
                + schema.size()
                + " columns "
                + schema.names());
      }
      for (int c = 0; c < row.length; c++) {
        checkValue(partition, schema.column(c), row[c], r);
      }
    }
  }

  private static void checkValue(String partition, Column col, Object v, int row) {
    if (v == null) {
      if (!col.nullable()) {
        throw notNull(partition, col);
      }
      return;
    }
    boolean ok =
        switch (col.type().storage()) {
          case LONG -> v instanceof Long;
          case DOUBLE -> v instanceof Double;
          case STRING -> v instanceof String;
        };
    if (!ok) {
      throw new ThermoException(
          ErrorCode.TYPE_MISMATCH,
          "column "
              + col.name()
              + " of partition "
              + partition
              + " is "
              + col.type().sql()
              + " (stored as "
              + col.type().storage()
              + ") but row "
              + row
              + " holds a "
              + v.getClass().getSimpleName());
    }
    if (v instanceof String s) {
      if (s.length() > col.type().length()) {
        throw tooLong(partition, col, s, row);
      }
    } else if (v instanceof Long l) {
      long[] range = range(col.type());
      if (range != null && (l < range[0] || l > range[1])) {
        throw outOfRange(partition, col, l, row);
      }
    }
  }

  /** Converts user values of named columns to full storage rows (omitted columns NULL). */
  static List<Object[]> toStorageRows(
      String partition, Schema schema, List<String> columns, List<Object[]> userValues) {
    int[] index = new int[columns.size()];
    boolean[] seen = new boolean[schema.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = schema.indexOf(columns.get(i));
      if (seen[index[i]]) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "column " + columns.get(i) + " is named twice in an insert into " + partition);
      }
      seen[index[i]] = true;
    }
    List<Object[]> out = new ArrayList<>(userValues.size());
    for (int r = 0; r < userValues.size(); r++) {
      Object[] values = userValues.get(r);
      if (values == null || values.length != index.length) {
        throw new ThermoException(
            ErrorCode.WRONG_COLUMN_COUNT,
            "row "
                + r
                + " for partition "
                + partition
                + " has "
                + (values == null ? 0 : values.length)
                + " values for the "
                + index.length
                + " columns "
                + columns);
      }
      Object[] row = new Object[schema.size()];
      for (int i = 0; i < index.length; i++) {
        row[index[i]] = schema.column(index[i]).toStorage(values[i]);
      }
      for (int c = 0; c < row.length; c++) {
        if (!seen[c] && !schema.column(c).nullable()) {
          throw notNull(partition, schema.column(c));
        }
      }
      out.add(row);
    }
    validateRows(partition, schema, out);
    return out;
  }

  private static ThermoException notNull(String partition, Column col) {
    return new ThermoException(
        ErrorCode.NOT_NULL_VIOLATION,
        "column " + col.name() + " of partition " + partition + " is NOT NULL but got a NULL");
  }

  private static ThermoException tooLong(String partition, Column col, String s, int row) {
    return new ThermoException(
        ErrorCode.STRING_TOO_LONG,
        "column "
            + col.name()
            + " of partition "
            + partition
            + " is "
            + col.type().sql()
            + " but row "
            + row
            + " has a value of "
            + s.length()
            + " characters");
  }
}
