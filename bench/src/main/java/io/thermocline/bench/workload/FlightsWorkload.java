package io.thermocline.bench.workload;

import io.thermocline.common.batch.BatchBuilder;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The flights rows of {@code flights-3m.parquet}, read once through DuckDB (a reader the cold tier
 * does not share, so the hot-store bench does not depend on cold-store) into batches.
 */
public final class FlightsWorkload {
  private FlightsWorkload() {}

  public static Schema schema() {
    return new Schema(
        List.of(
            Column.nullable("date", DataType.TIMESTAMP),
            Column.nullable("delay", DataType.INTEGER),
            Column.nullable("distance", DataType.INTEGER),
            Column.nullable("origin", DataType.varchar(8)),
            Column.nullable("destination", DataType.varchar(8))),
        List.of(),
        "date");
  }

  public static Workload load(Path parquet, int batchSize) throws SQLException {
    if (!Files.isRegularFile(parquet)) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "flights data file not found: " + parquet.toAbsolutePath());
    }
    Schema schema = schema();
    List<ColumnBatch> batches = new ArrayList<>();
    long rows = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT epoch_us(date), delay, distance, origin, destination FROM read_parquet('"
                    + parquet.toAbsolutePath().toString().replace("'", "''")
                    + "')")) {
      BatchBuilder builder = new BatchBuilder(schema, batchSize);
      while (rs.next()) {
        builder.add(
            (Long) rs.getObject(1),
            (Long) rs.getObject(2),
            (Long) rs.getObject(3),
            rs.getString(4),
            rs.getString(5));
        rows++;
        if (builder.size() == batchSize) {
          batches.add(builder.build());
        }
      }
      if (builder.size() > 0) {
        batches.add(builder.build());
      }
    }
    return new Workload("flights", schema, batches, rows);
  }
}
