package io.thermocline.engine.system.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.engine.system.SystemView;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineViewsTest {
  @TempDir Path dir;
  private Database db;

  @BeforeEach
  void open() {
    Config config =
        Config.defaults()
            .with(ColdSettings.SYNC_METADATA, false)
            .with(EngineSettings.MAINTENANCE_ENABLED, false)
            .with(EngineSettings.COLD_FILE_MIN_ROWS, 1);
    db = Thermocline.open(dir, config);
    Schema orders =
        new Schema(
            List.of(
                Column.notNull("ID", DataType.BIGINT),
                Column.nullable("REGION", DataType.varchar(8)),
                Column.nullable("AMOUNT", DataType.decimal(12, 2)),
                Column.notNull("CREATED_AT", DataType.TIMESTAMP)),
            List.of("ID"),
            "CREATED_AT");
    db.createTable(
        TableDefinition.hybrid("ORDERS", orders)
            .withAgingRule("CREATED_AT < TIMESTAMP '2024-01-02 00:00:00'")
            .withAgingSchedule("EVERY 15 MINUTES"));
    Schema meter =
        Schema.of(
            Column.notNull("METER_ID", DataType.INTEGER),
            Column.notNull("TS", DataType.TIMESTAMP),
            Column.nullable("KWH", DataType.DOUBLE));
    db.createTable(
        TableDefinition.hot("METER", meter)
            .withSeries(new SeriesSpec(List.of("METER_ID"), "TS", 900_000_000L, true)));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private List<List<Object>> rows(String view) {
    SystemView v = db.system().view(view).orElseThrow();
    List<List<Object>> out = new ArrayList<>();
    for (Object[] r : v.rows()) {
      assertThat(r).hasSize(v.schema().size());
      out.add(Arrays.asList(r));
    }
    return out;
  }

  @Test
  void everyEngineViewIsRegistered() {
    assertThat(db.system().views())
        .extracting(SystemView::name)
        .contains("COLUMNS", "PARTITIONS", "RECOVERY_RESOLUTIONS", "SERIES", "SESSIONS", "TABLES");
  }

  @Test
  void tablesShowKindAgingAndCreatedCid() {
    List<List<Object>> rows = rows("TABLES");
    assertThat(rows).extracting(r -> r.get(0)).containsExactly("METER", "ORDERS");
    List<Object> orders = rows.get(1);
    assertThat(orders.subList(1, 3)).containsExactly("HYBRID", "_aged");
    assertThat((String) orders.get(3)).contains("CREATED_AT");
    assertThat(orders.get(4)).isEqualTo("EVERY 15 MINUTES");
    assertThat(orders.get(7)).isEqualTo("CREATED_AT");
    assertThat((Long) orders.get(8)).isPositive();
  }

  @Test
  void columnsShowTypesNullabilityAndKeyPositions() {
    List<List<Object>> rows = rows("COLUMNS");
    assertThat(rows)
        .filteredOn(r -> r.get(0).equals("ORDERS"))
        .extracting(r -> r.subList(1, 9))
        .startsWith(
            Arrays.asList("ID", 1L, "BIGINT", null, null, null, 0L, 1L),
            Arrays.asList("REGION", 2L, "VARCHAR", null, null, 8L, 1L, null),
            Arrays.asList("AMOUNT", 3L, "DECIMAL", 12L, 2L, null, 1L, null));
  }

  @Test
  void seriesShowsKeyPeriodAndIncrement() {
    assertThat(rows("SERIES"))
        .containsExactly(Arrays.asList("METER", "METER_ID", "TS", 1L, 900_000_000L, 1L));
  }

  @Test
  void partitionsShowRowsPerTierAndTimeRange() {
    try (Session s = db.session()) {
      s.insert("ORDERS", 1L, "north", null, LocalDateTime.of(2024, 1, 1, 10, 0), true);
      s.insert("ORDERS", 2L, "south", null, LocalDateTime.of(2024, 1, 3, 10, 0), false);
      s.insert("ORDERS", 3L, "south", null, LocalDateTime.of(2024, 1, 5, 10, 0), false);
    }
    assertThat(db.moveBatch("ORDERS", MoveDirection.TO_COLD, 100)).isEqualTo(1);
    List<List<Object>> rows = rows("PARTITIONS");
    List<Object> hot = rows.stream().filter(r -> r.get(0).equals("ORDERS")).toList().get(0);
    List<Object> cold = rows.stream().filter(r -> r.get(0).equals("ORDERS")).toList().get(1);
    long jan3 = micros(LocalDateTime.of(2024, 1, 3, 10, 0));
    long jan5 = micros(LocalDateTime.of(2024, 1, 5, 10, 0));
    long jan1 = micros(LocalDateTime.of(2024, 1, 1, 10, 0));
    assertThat(hot.get(1)).isEqualTo("HOT");
    assertThat(hot.get(2)).isEqualTo(2L);
    assertThat((Long) hot.get(3)).isPositive();
    assertThat(hot.subList(8, 10)).containsExactly(jan3, jan5);
    assertThat(cold.get(1)).isEqualTo("COLD");
    assertThat(cold.get(2)).isEqualTo(1L);
    assertThat((Long) cold.get(4)).isPositive();
    assertThat(cold.subList(8, 10)).containsExactly(jan1, jan1);
    // METER has no time column: one HOT row without a range.
    assertThat(rows)
        .filteredOn(r -> r.get(0).equals("METER"))
        .extracting(r -> Arrays.asList(r.get(1), r.get(2), r.get(8)))
        .containsExactly(Arrays.asList("HOT", 0L, null));
  }

  @Test
  void sessionsShowUserAndOpenTransaction() {
    try (Session s = db.session()) {
      s.setUser("alice");
      s.begin();
      List<List<Object>> rows = rows("SESSIONS");
      assertThat(rows)
          .filteredOn(r -> r.get(0).equals(s.id()))
          .singleElement()
          .satisfies(
              r -> assertThat(Arrays.asList(r.get(1), r.get(3))).containsExactly("alice", 1L));
    }
    assertThat(rows("SESSIONS")).isEmpty();
  }

  @Test
  void recoveryResolutionsOfACleanOpenAreEmpty() {
    assertThat(rows("RECOVERY_RESOLUTIONS")).isEmpty();
    assertThat(db.system().view("recovery_resolutions").orElseThrow().schema().names())
        .containsExactly("CID", "ACTION", "DETAIL");
  }

  private static long micros(LocalDateTime t) {
    return t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L;
  }
}
