package io.thermocline.coldstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.scan.ConformanceSchema;
import io.thermocline.testkit.scan.RandomRows;
import io.thermocline.testkit.scan.RowAssert;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with DuckDB: a cold file Thermocline wrote reads in DuckDB with the right SQL types and
 * identical values, and the 3,000,000-row flights file another tool wrote imports into the cold
 * tier with the same count and aggregates DuckDB computes over the original.
 */
class DuckDbInteropTest {
  @TempDir Path dir;

  @Test
  void duckDbReadsAColdFileWithTheRightTypesAndIdenticalRows(TestInfo info) throws Exception {
    long seed = TestSeed.resolve("DuckDbInteropTest." + info.getDisplayName());
    Schema schema = ConformanceSchema.schema();
    List<Object[]> rows = new RandomRows(new Random(seed), 1).rows(3_000);
    try (ColdStore store = ColdStore.open(dir, ColdTierFixture.smallFiles())) {
      ColdTable t = store.table("interop", schema);
      t.writeFile(1, ColdTestData.batch(t, rows));
      String file = ColdTestData.filesUnder(store).iterator().next();
      String path = Path.of(store.root()).resolve(file).toString();
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = c.createStatement()) {
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + path + "')")) {
          while (rs.next()) {
            types.put(rs.getString(1), rs.getString(2));
          }
        }
        assertThat(types)
            .containsEntry("id", "BIGINT")
            .containsEntry("ts", "TIMESTAMP WITH TIME ZONE")
            .containsEntry("flag", "BOOLEAN")
            .containsEntry("qty", "INTEGER")
            .containsEntry("ratio", "DOUBLE")
            .containsEntry("amount", "DECIMAL(12,2)")
            .containsEntry("region", "VARCHAR")
            .containsEntry("day", "DATE")
            .containsEntry("seen", "TIMESTAMP WITH TIME ZONE");
        List<Object[]> read = new ArrayList<>();
        String sql =
            "SELECT id, epoch_us(ts), flag, qty, big, ratio, amount, region, label,"
                + " date_diff('day', DATE '1970-01-01', day), epoch_us(seen)"
                + " FROM read_parquet('"
                + path
                + "')";
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            read.add(storageRow(rs));
          }
        }
        RowAssert.assertSameRows("[seed=" + seed + "] DuckDB read of " + file, rows, read);
      }
    }
  }

  private static Object[] storageRow(ResultSet rs) throws Exception {
    Object[] r = new Object[11];
    r[0] = rs.getLong(1);
    r[1] = rs.getLong(2);
    r[2] = nullable(rs, rs.getBoolean(3) ? 1L : 0L);
    r[3] = nullable(rs, (long) rs.getInt(4));
    r[4] = nullable(rs, rs.getLong(5));
    r[5] = nullable(rs, rs.getDouble(6));
    BigDecimal amount = rs.getBigDecimal(7);
    r[6] = amount == null ? null : amount.unscaledValue().longValueExact();
    r[7] = rs.getString(8);
    r[8] = rs.getString(9);
    r[9] = nullable(rs, rs.getLong(10));
    r[10] = nullable(rs, rs.getLong(11));
    return r;
  }

  private static Object nullable(ResultSet rs, Object v) throws Exception {
    return rs.wasNull() ? null : v;
  }

  @Test
  void flightsImportMatchesDuckDbOnTheOriginalFile() throws Exception {
    Path flights = SharedData.file("flights-3m.parquet");
    try (ColdStore store = ColdStore.open(dir, io.thermocline.common.config.Config.defaults())) {
      Schema schema = ParquetImport.schemaOf(flights.toUri(), store.conf()).withTimeColumn("date");
      assertThat(schema.column("date").type()).isEqualTo(DataType.TIMESTAMP);
      assertThat(schema.column("origin").type().kind().name()).isEqualTo("VARCHAR");
      ColdTable t = store.table("flights", schema);
      long start = System.nanoTime();
      long rows = ParquetImport.importFile(t, 1, flights.toUri());
      double seconds = (System.nanoTime() - start) / 1e9;
      ColdTableStats stats = t.stats();
      System.out.printf(
          "flights import: %d rows in %.2f s = %.0f rows/s; %d files, %d bytes = %.3f bytes/row"
              + " (source %d bytes = %.3f bytes/row)%n",
          rows,
          seconds,
          rows / seconds,
          stats.liveFiles(),
          stats.liveBytes(),
          stats.liveBytes() / (double) rows,
          java.nio.file.Files.size(flights),
          java.nio.file.Files.size(flights) / (double) rows);
      assertThat(rows).isEqualTo(3_000_000L);

      AggregateSpec spec =
          AggregateSpec.of(
              List.of(),
              AggregateCall.countStar(),
              AggregateCall.sum("delay"),
              AggregateCall.min("date"),
              AggregateCall.max("date"),
              AggregateCall.sum("distance"),
              AggregateCall.max("origin"));
      Object[] ours = t.aggregate(ScanRequest.at(1), spec).rows().get(0);
      AggregateSpec byOrigin =
          AggregateSpec.of(List.of(GroupKey.column("origin")), AggregateCall.avg("delay"));
      Map<Object, Object> oursByOrigin = new LinkedHashMap<>();
      for (Object[] r : t.aggregate(ScanRequest.at(1), byOrigin).rows()) {
        oursByOrigin.put(r[0], r[1]);
      }
      String coldGlob = Path.of(store.root()).resolve("**/*.parquet").toString();
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = c.createStatement()) {
        for (String source : List.of(flights.toString(), coldGlob)) {
          try (ResultSet rs =
              s.executeQuery(
                  "SELECT count(*), sum(delay), epoch_us(min(date)), epoch_us(max(date)),"
                      + " sum(distance), max(origin) FROM read_parquet('"
                      + source
                      + "')")) {
            rs.next();
            assertThat(
                    new Object[] {
                      rs.getLong(1),
                      rs.getLong(2),
                      rs.getLong(3),
                      rs.getLong(4),
                      rs.getLong(5),
                      rs.getString(6)
                    })
                .as("aggregates of " + source)
                .containsExactly(ours);
          }
          try (ResultSet rs =
              s.executeQuery(
                  "SELECT origin, avg(delay) FROM read_parquet('"
                      + source
                      + "') GROUP BY origin")) {
            int groups = 0;
            while (rs.next()) {
              groups++;
              assertThat((Double) oursByOrigin.get(rs.getString(1)))
                  .as("avg delay from " + rs.getString(1))
                  .isCloseTo(rs.getDouble(2), org.assertj.core.data.Offset.offset(1e-9));
            }
            assertThat(groups).isEqualTo(oursByOrigin.size());
          }
        }
      }
    }
  }
}
