package io.thermocline.common.batch;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.TypeKind;
import java.util.List;

/**
 * Checks storage values (a {@link ColumnBatch} or rows of {@code Object[]}) against a schema before
 * anything is buffered or appended, so that bad input fails its statement and leaves the tier
 * unchanged: column count, vector shape (backing arrays, null bitmap, dictionary ids), value
 * classes, NOT NULL, VARCHAR length and the ranges of INTEGER, BOOLEAN and DECIMAL. Errors name the
 * table, the column and the row. Batch checks run over the primitive arrays without boxing.
 * Stateless, so any thread may call it.
 */
public final class BatchValidator {
  private static final long[] POW10 = new long[DataType.MAX_DECIMAL_PRECISION + 1];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private BatchValidator() {}

  /** Checks a batch whose columns are in schema order; {@code table} is named in errors. */
  public static void checkBatch(String table, Schema schema, ColumnBatch batch) {
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
        throw bad(
            ErrorCode.TYPE_MISMATCH,
            table,
            col,
            "is " + col.type().sql() + " but the batch holds a " + v.getClass().getSimpleName());
      }
      checkShape(table, col, v, n);
      if (!col.nullable() && v.nulls() != null) {
        int row = NullBitmap.firstSet(v.nulls(), n);
        if (row >= 0) {
          throw notNull(table, col, row);
        }
      }
      if (v instanceof LongVector lv) {
        checkLongs(table, col, lv, n);
      } else if (v instanceof StringVector sv) {
        checkStrings(table, col, sv, n);
      }
    }
  }

  /** Checks rows of storage values in schema order; row numbers in errors are list indexes. */
  public static void checkRows(String table, Schema schema, List<Object[]> rows) {
    for (int r = 0; r < rows.size(); r++) {
      checkRow(table, schema, rows.get(r), r);
    }
  }

  /** Checks one row of storage values in schema order; {@code row} is the number errors give. */
  public static void checkRow(String table, Schema schema, Object[] values, int row) {
    if (values == null || values.length != schema.size()) {
      throw new ThermoException(
          ErrorCode.WRONG_COLUMN_COUNT,
          "row "
              + row
              + " for table "
              + table
              + " has "
              + (values == null ? 0 : values.length)
              + " values but the table has "
              + schema.size()
              + " columns "
              + schema.names());
    }
    for (int c = 0; c < values.length; c++) {
      checkValue(table, schema.column(c), values[c], row);
    }
  }

  /**
   * Backing arrays must hold the batch's rows and dictionary ids must point into the dictionary.
   */
  private static void checkShape(String table, Column col, ColumnVector v, int n) {
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
            throw malformed(table, col, "row " + i + " has dictionary id " + id + " of " + size);
          }
        }
      } else {
        length = -1;
      }
    }
    if (length >= 0 && length < n) {
      throw malformed(table, col, "the vector holds " + length + " of " + n + " rows");
    }
    if (v.nulls() != null && v.nulls().length < NullBitmap.words(n)) {
      throw malformed(table, col, "the null bitmap is shorter than " + n + " rows");
    }
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

  private static void checkLongs(String table, Column col, LongVector lv, int n) {
    long[] range = range(col.type());
    if (range == null) {
      return;
    }
    long[] values = lv.values();
    for (int i = 0; i < n; i++) {
      if ((values[i] < range[0] || values[i] > range[1]) && !lv.isNull(i)) {
        throw outOfRange(table, col, values[i], i);
      }
    }
  }

  private static void checkStrings(String table, Column col, StringVector sv, int n) {
    int max = col.type().length();
    if (sv.isDictionaryEncoded()) {
      boolean anyLong = false;
      for (String s : sv.dictionary()) {
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
        throw malformed(table, col, "the vector holds fewer than " + n + " rows");
      }
      if (s == null) {
        if (!col.nullable()) {
          throw notNull(table, col, i);
        }
      } else if (s.length() > max) {
        throw tooLong(table, col, s, i);
      }
    }
  }

  private static void checkValue(String table, Column col, Object v, int row) {
    if (v == null) {
      if (!col.nullable()) {
        throw notNull(table, col, row);
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
      throw bad(
          ErrorCode.TYPE_MISMATCH,
          table,
          col,
          "is "
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
        throw tooLong(table, col, s, row);
      }
    } else if (v instanceof Long l) {
      long[] range = range(col.type());
      if (range != null && (l < range[0] || l > range[1])) {
        throw outOfRange(table, col, l, row);
      }
    }
  }

  /** An error about one column: "column c of table t " and what is wrong. */
  private static ThermoException bad(ErrorCode code, String table, Column col, String what) {
    return new ThermoException(code, "column " + col.name() + " of table " + table + " " + what);
  }

  private static ThermoException malformed(String table, Column col, String what) {
    return new ThermoException(
        ErrorCode.INVALID_ARGUMENT,
        "malformed batch for column " + col.name() + " of table " + table + ": " + what);
  }

  private static ThermoException notNull(String table, Column col, int row) {
    return bad(
        ErrorCode.NOT_NULL_VIOLATION, table, col, "is NOT NULL but row " + row + " holds a NULL");
  }

  private static ThermoException outOfRange(String table, Column col, long v, int row) {
    DataType t = col.type();
    // A BOOLEAN is stored as 0 or 1; anything else is a wrong encoding, not a too-large number.
    return bad(
        t.kind() == TypeKind.BOOLEAN ? ErrorCode.TYPE_MISMATCH : ErrorCode.NUMERIC_OUT_OF_RANGE,
        table,
        col,
        "is "
            + t.sql()
            + " and cannot hold "
            + (t.kind() == TypeKind.DECIMAL ? "unscaled " : "")
            + v
            + " (row "
            + row
            + ")");
  }

  private static ThermoException tooLong(String table, Column col, String s, int row) {
    return bad(
        ErrorCode.STRING_TOO_LONG,
        table,
        col,
        "is "
            + col.type().sql()
            + " but row "
            + row
            + " has a value of "
            + s.length()
            + " characters");
  }
}
