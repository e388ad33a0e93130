package io.thermocline.engine.txn;

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

/**
 * Checks a batch of storage values against a table's schema when it is handed to a transaction, so
 * a bad batch fails its statement instead of the commit: column count, vector classes, NOT NULL,
 * VARCHAR length and the ranges of INTEGER, BOOLEAN and DECIMAL. Errors name the table, the column
 * and the row. Stateless.
 */
final class BatchValidation {
  private BatchValidation() {}

  static void check(String table, Schema schema, ColumnBatch batch) {
    if (batch.columnCount() != schema.size()) {
      throw new ThermoException(
          ErrorCode.WRONG_COLUMN_COUNT,
          "batch for table "
              + table
              + " has "
              + batch.columnCount()
              + " columns but the table has "
              + schema.size()
              + " "
              + schema.names());
    }
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
                + " of table "
                + table
                + " is "
                + col.type()
                + " but the batch holds a "
                + v.getClass().getSimpleName());
      }
      for (int r = 0; r < batch.rowCount(); r++) {
        if (v.isNull(r)) {
          if (!col.nullable()) {
            throw bad(
                ErrorCode.NOT_NULL_VIOLATION, table, col, r, "is NOT NULL but the value is NULL");
          }
          continue;
        }
        checkValue(table, col, v, r);
      }
    }
  }

  /**
   * Checks one row of storage values (the result of an update's transform) the same way; the row
   * number in messages is 0.
   */
  static void checkRow(String table, Schema schema, Object[] row) {
    if (row == null || row.length != schema.size()) {
      throw new ThermoException(
          ErrorCode.WRONG_COLUMN_COUNT,
          "a row of table " + table + " must have " + schema.size() + " values " + schema.names());
    }
    for (int c = 0; c < row.length; c++) {
      Column col = schema.column(c);
      Object v = row[c];
      if (v == null) {
        if (!col.nullable()) {
          throw bad(
              ErrorCode.NOT_NULL_VIOLATION, table, col, 0, "is NOT NULL but the value is NULL");
        }
        continue;
      }
      boolean classOk =
          switch (col.type().storage()) {
            case LONG -> v instanceof Long;
            case DOUBLE -> v instanceof Double;
            case STRING -> v instanceof String;
          };
      if (!classOk) {
        throw bad(
            ErrorCode.TYPE_MISMATCH,
            table,
            col,
            0,
            "is " + col.type() + " but the storage value is a " + v.getClass().getSimpleName());
      }
      if (v instanceof Long l) {
        checkLong(table, col, l, 0);
      } else if (v instanceof String str) {
        checkString(table, col, str, 0);
      }
    }
  }

  private static void checkValue(String table, Column col, ColumnVector v, int r) {
    if (v instanceof LongVector lv) {
      checkLong(table, col, lv.get(r), r);
    } else if (v instanceof StringVector sv) {
      checkString(table, col, sv.get(r), r);
    }
  }

  private static void checkLong(String table, Column col, long x, int r) {
    DataType t = col.type();
    switch (t.kind()) {
      case INTEGER -> {
        if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
          throw bad(ErrorCode.NUMERIC_OUT_OF_RANGE, table, col, r, "cannot hold " + x);
        }
      }
      case BOOLEAN -> {
        if (x != 0 && x != 1) {
          throw bad(ErrorCode.TYPE_MISMATCH, table, col, r, "is BOOLEAN but holds " + x);
        }
      }
      case DECIMAL -> {
        if (Math.abs((double) x) >= Math.pow(10, t.precision())) {
          throw bad(ErrorCode.NUMERIC_OUT_OF_RANGE, table, col, r, "cannot hold unscaled " + x);
        }
      }
      default -> {
        // BIGINT, DATE and TIMESTAMP accept every long
      }
    }
  }

  private static void checkString(String table, Column col, String s, int r) {
    if (s.length() > col.type().length()) {
      throw bad(
          ErrorCode.STRING_TOO_LONG,
          table,
          col,
          r,
          "is " + col.type() + " but the value has " + s.length() + " characters");
    }
  }

  private static ThermoException bad(
      ErrorCode code, String table, Column col, int row, String what) {
    return new ThermoException(
        code,
        "column " + col.name() + " of table " + table + " " + what + " (batch row " + row + ")");
  }
}
