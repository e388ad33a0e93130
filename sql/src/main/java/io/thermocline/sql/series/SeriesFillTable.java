package io.thermocline.sql.series;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.Database;
import io.thermocline.sql.schema.ThermoSchema;
import io.thermocline.timeseries.function.Disaggregation;
import io.thermocline.timeseries.function.FilledSeries;
import io.thermocline.timeseries.function.GapFill;
import io.thermocline.timeseries.function.GapFillMethod;
import io.thermocline.timeseries.function.SeriesGrid;
import io.thermocline.timeseries.function.SeriesRound;
import io.thermocline.timeseries.function.TimeRounding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code TABLE(SERIES_FILL('METER', 'KWH', 'LINEAR', start, end))} and {@code
 * TABLE(SERIES_DISAGGREGATE('METER', 'KWH', '5 MINUTE', start, end))}: one row per series key and
 * grid point of {@code [start, end)}, the column's value there, filled (NULL, PREVIOUS, NEXT,
 * LINEAR or a numeric constant) or spread evenly onto the finer grid. Rows outside the window still
 * serve as neighbours. The table is read when the query runs, at the latest commit; the result is
 * materialized per call (one series' window at a time is what the timeseries functions take).
 * Immutable.
 */
public final class SeriesFillTable extends AbstractTable implements ScannableTable {
  private final boolean disaggregate;
  private final String table;
  private final String column;
  private final String how;
  private final Object start;
  private final Object end;
  private final String increment;

  private SeriesFillTable(
      boolean disaggregate,
      String table,
      String column,
      String how,
      Object start,
      Object end,
      String increment) {
    this.disaggregate = disaggregate;
    this.table = table;
    this.column = column;
    this.how = how;
    this.start = start;
    this.end = end;
    this.increment = increment;
  }

  static SeriesFillTable fill(
      String table, String column, String method, Object start, Object end, String inc) {
    requireName(table, column, "SERIES_FILL");
    method(method); // refuse a bad method while the statement is prepared
    return new SeriesFillTable(false, table, column, method, start, end, inc);
  }

  static SeriesFillTable disaggregate(
      String table, String column, String fine, Object start, Object end) {
    requireName(table, column, "SERIES_DISAGGREGATE");
    SeriesInterval.micros(fine, "SERIES_DISAGGREGATE");
    return new SeriesFillTable(true, table, column, fine, start, end, null);
  }

  private static void requireName(String table, String column, String function) {
    if (table == null || column == null) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          function + " needs the table and column as string literals, e.g. 'METER', 'KWH'");
    }
  }

  private String function() {
    return disaggregate ? "SERIES_DISAGGREGATE" : "SERIES_FILL";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataTypeFactory.Builder b =
        f.builder()
            .add("SERIES_KEY", SqlTypeName.VARCHAR)
            .add("PERIOD_START", SqlTypeName.TIMESTAMP)
            .add(SeriesRows.upper(column), SqlTypeName.DOUBLE)
            .nullable(true);
    if (!disaggregate) {
      b.add("FILLED", SqlTypeName.BOOLEAN);
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    if (start == null || end == null) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, function() + ": the start and end must not be NULL");
    }
    SeriesRows rows = SeriesRows.read(database(root), table, column, increment, function());
    long from = SqlTime.micros(start, function());
    long to = SqlTime.micros(end, function());
    long step = disaggregate ? SeriesInterval.micros(how, function()) : rows.increment;
    // The grid of the window is aligned to the series' own grid (epoch origin), not to `start`.
    long first = SeriesRound.round(from, step, 0L, TimeRounding.UP);
    int count = SeriesGrid.size(first, Math.max(first, to), step);
    List<Object[]> out = new ArrayList<>();
    for (Map.Entry<String, SeriesRows.KeyRows> e : rows.byKey.entrySet()) {
      SeriesRows.KeyRows k = e.getValue();
      FilledSeries filled =
          disaggregate
              ? Disaggregation.evenly(
                  k.times, k.values, k.nulls, k.size, rows.increment, first, step, count)
              : fill(k, first, step, count, rows.definition.name(), e.getKey());
      double[] v = filled.values();
      for (int i = 0; i < count; i++) {
        long at = first + i * step;
        Object value = filled.isNull(i) ? null : v[i];
        if (disaggregate) {
          out.add(new Object[] {e.getKey(), SqlTime.internal(at), value});
        } else {
          out.add(new Object[] {e.getKey(), SqlTime.internal(at), value, !present(k, at)});
        }
      }
    }
    return Linq4j.asEnumerable(out);
  }

  private FilledSeries fill(
      SeriesRows.KeyRows k, long first, long step, int count, String table, String key) {
    double constant = 0;
    GapFillMethod m = method(how);
    if (m == GapFillMethod.CONSTANT) {
      constant = Double.parseDouble(how.trim());
    }
    try {
      return GapFill.fill(k.times, k.values, k.nulls, k.size, first, step, count, m, constant);
    } catch (ThermoException e) {
      throw new ThermoException(
          e.code(), "SERIES_FILL over table " + table + ", series " + key + ": " + e.getMessage());
    }
  }

  /** Whether the series has a non-NULL value exactly at {@code at} (binary search). */
  private static boolean present(SeriesRows.KeyRows k, long at) {
    int i = java.util.Arrays.binarySearch(k.times, 0, k.size, at);
    return i >= 0 && !io.thermocline.common.batch.NullBitmap.get(k.nulls, i);
  }

  static GapFillMethod method(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    switch (t) {
      case "NULL":
        return GapFillMethod.NULL;
      case "PREVIOUS":
      case "LOCF":
        return GapFillMethod.PREVIOUS;
      case "NEXT":
        return GapFillMethod.NEXT;
      case "LINEAR":
        return GapFillMethod.LINEAR;
      default:
        try {
          Double.parseDouble(t);
          return GapFillMethod.CONSTANT;
        } catch (NumberFormatException e) {
          throw new ThermoException(
              ErrorCode.INVALID_ARGUMENT,
              "SERIES_FILL: unknown fill method '"
                  + text
                  + "'; use NULL, PREVIOUS, NEXT, LINEAR or a number");
        }
    }
  }

  private static Database database(DataContext root) {
    SchemaPlus thermo = root.getRootSchema().getSubSchema(ThermoSchema.NAME);
    ThermoSchema schema = thermo == null ? null : thermo.unwrap(ThermoSchema.class);
    if (schema == null) {
      throw new ThermoException(
          ErrorCode.INTERNAL, "series functions need a Thermocline connection's schema");
    }
    return schema.database();
  }
}
