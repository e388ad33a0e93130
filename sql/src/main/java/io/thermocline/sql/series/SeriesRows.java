package io.thermocline.sql.series;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.StorageClass;
import io.thermocline.common.type.TypeKind;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.engine.catalog.TableDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of one numeric column of a series table, read at the latest commit and split per series
 * key into time-sorted primitive arrays, the input the timeseries functions take. Built once per
 * function call; not thread-safe.
 */
final class SeriesRows {
  /** One series: {@code size} rows sorted by time, NULL values flagged in {@code nulls}. */
  static final class KeyRows {
    long[] times = new long[16];
    double[] values = new double[16];
    long[] nulls = NullBitmap.allocate(16);
    int size;

    void add(long time, double value, boolean isNull) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        values = Arrays.copyOf(values, size * 2);
        nulls = Arrays.copyOf(nulls, NullBitmap.words(size * 2));
      }
      times[size] = time;
      values[size] = value;
      if (isNull) {
        NullBitmap.set(nulls, size);
      }
      size++;
    }

    /** Sorts by time (scans return tier order); rows of one key are few enough to sort boxed. */
    void sort(String table, String key) {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
      long[] t = new long[size];
      double[] v = new double[size];
      long[] n = NullBitmap.allocate(size);
      for (int i = 0; i < size; i++) {
        int from = order[i];
        t[i] = times[from];
        v[i] = values[from];
        if (NullBitmap.get(nulls, from)) {
          NullBitmap.set(n, i);
        }
        if (i > 0 && t[i] == t[i - 1]) {
          throw new ThermoException(
              ErrorCode.INVALID_ARGUMENT,
              "table "
                  + table
                  + " has two rows for series "
                  + key
                  + " at "
                  + SqlTime.timestamp(t[i]));
        }
      }
      times = t;
      values = v;
      nulls = n;
    }
  }

  final TableDefinition definition;
  final String column;
  final long increment;
  final Map<String, KeyRows> byKey = new TreeMap<>();

  private SeriesRows(TableDefinition definition, String column, long increment) {
    this.definition = definition;
    this.column = column;
    this.increment = increment;
  }

  /**
   * Reads {@code column} of {@code table}. The grid step is the table's series increment, or {@code
   * increment} (text, may be null) for a table without an equidistant series definition.
   */
  static SeriesRows read(
      Database db, String table, String column, String increment, String function) {
    TableDefinition d = definition(db, table, function);
    String col = columnName(d, column, function);
    SeriesSpec spec = d.series();
    long inc;
    if (increment != null) {
      inc = SeriesInterval.micros(increment, function);
    } else if (spec != null && spec.incrementMicros() > 0) {
      inc = spec.incrementMicros();
    } else {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          function
              + ": table "
              + d.name()
              + " has no EQUIDISTANT series definition; pass the increment, e.g. '15 MINUTE'");
    }
    String period = spec != null ? spec.periodColumn() : d.schema().timeColumn().orElse(null);
    if (period == null) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          function + ": table " + d.name() + " has no series period or time column");
    }
    List<String> keys = spec != null ? spec.seriesKey() : List.of();
    List<String> projection = new ArrayList<>(keys);
    projection.add(period);
    projection.add(col);
    SeriesRows out = new SeriesRows(d, col, inc);
    Schema schema = d.schema();
    DataType valueType = schema.column(col).type();
    try (Session s = db.session();
        BatchCursor c = s.scan(d.name(), projection, null)) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        ColumnVector times = b.column(period);
        ColumnVector values = b.column(col);
        for (int r = 0; r < b.rowCount(); r++) {
          if (times.isNull(r)) {
            continue;
          }
          String key = key(b, keys, schema, r);
          KeyRows rows = out.byKey.computeIfAbsent(key, k -> new KeyRows());
          boolean isNull = values.isNull(r);
          rows.add(((LongVector) times).get(r), isNull ? 0 : number(values, valueType, r), isNull);
        }
      }
    }
    for (Map.Entry<String, KeyRows> e : out.byKey.entrySet()) {
      e.getValue().sort(d.name(), e.getKey());
    }
    return out;
  }

  private static double number(ColumnVector v, DataType type, int r) {
    if (v instanceof DoubleVector) {
      return ((DoubleVector) v).get(r);
    }
    return ((Number) type.toJava(v.getObject(r))).doubleValue();
  }

  private static String key(ColumnBatch b, List<String> keys, Schema schema, int r) {
    if (keys.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String k = keys.get(i);
      Object v = b.column(k).getObject(r);
      sb.append(v == null ? "NULL" : String.valueOf(schema.column(k).type().toJava(v)));
    }
    return sb.toString();
  }

  static TableDefinition definition(Database db, String table, String function) {
    if (table == null) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, function + ": the table is NULL");
    }
    for (TableDefinition d : db.tables()) {
      if (d.name().equals(table) || d.name().equalsIgnoreCase(table)) {
        return d;
      }
    }
    throw new ThermoException(ErrorCode.UNKNOWN_TABLE, function + ": unknown table " + table);
  }

  static String columnName(TableDefinition d, String column, String function) {
    if (column != null) {
      for (Column c : d.schema().columns()) {
        if (c.name().equalsIgnoreCase(column)) {
          if (c.type().storage() == StorageClass.STRING || c.type().kind() == TypeKind.BOOLEAN) {
            throw new ThermoException(
                ErrorCode.TYPE_MISMATCH,
                function + ": column " + c.name() + " of table " + d.name() + " is not numeric");
          }
          return c.name();
        }
      }
    }
    throw new ThermoException(
        ErrorCode.UNKNOWN_COLUMN, function + ": table " + d.name() + " has no column " + column);
  }

  static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }
}
