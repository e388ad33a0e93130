package io.thermocline.sql.series;

import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.schema.impl.TableFunctionImpl;

/**
 * Registers the series functions on a connection's root schema, so they resolve unqualified in
 * every statement. The public static methods here are the table functions' entry points Calcite
 * calls (once while preparing, to learn the row type, and once per execution). Their time arguments
 * are declared {@code Object} (SQL type ANY) because Calcite cannot hand a TIMESTAMP literal to a
 * {@code Timestamp} parameter while preparing; {@link SqlTime#micros(Object, String)} reads
 * whatever representation arrives. Stateless.
 */
public final class SeriesSqlFunctions {
  private SeriesSqlFunctions() {}

  /** Adds TIME_BUCKET, SERIES_ROUND, SERIES_GENERATE, SERIES_FILL and SERIES_DISAGGREGATE. */
  public static void register(SchemaPlus root) {
    root.add("TIME_BUCKET", ScalarFunctionImpl.create(SeriesScalarFunctions.class, "timeBucket"));
    root.add(
        "TIME_BUCKET", ScalarFunctionImpl.create(SeriesScalarFunctions.class, "timeBucketFrom"));
    root.add("SERIES_ROUND", ScalarFunctionImpl.create(SeriesScalarFunctions.class, "seriesRound"));
    root.add(
        "SERIES_ROUND", ScalarFunctionImpl.create(SeriesScalarFunctions.class, "seriesRoundMode"));
    root.add("SERIES_GENERATE", TableFunctionImpl.create(SeriesSqlFunctions.class, "generate"));
    root.add("SERIES_FILL", TableFunctionImpl.create(SeriesSqlFunctions.class, "fill"));
    root.add("SERIES_FILL", TableFunctionImpl.create(SeriesSqlFunctions.class, "fillEvery"));
    root.add(
        "SERIES_DISAGGREGATE", TableFunctionImpl.create(SeriesSqlFunctions.class, "disaggregate"));
  }

  public static SeriesGenerateTable generate(Object start, Object end, String increment) {
    return new SeriesGenerateTable(start, end, increment);
  }

  public static SeriesFillTable fill(
      String table, String column, String method, Object start, Object end) {
    return SeriesFillTable.fill(table, column, method, start, end, null);
  }

  /** SERIES_FILL over a table without an equidistant series definition: the step is given. */
  public static SeriesFillTable fillEvery(
      String table, String column, String method, Object start, Object end, String increment) {
    return SeriesFillTable.fill(table, column, method, start, end, increment);
  }

  public static SeriesFillTable disaggregate(
      String table, String column, String fineIncrement, Object start, Object end) {
    return SeriesFillTable.disaggregate(table, column, fineIncrement, start, end);
  }
}
