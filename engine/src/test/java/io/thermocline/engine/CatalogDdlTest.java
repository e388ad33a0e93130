package io.thermocline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.coldstore.ColdPartitioning;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.catalog.AgingRule;
import io.thermocline.engine.catalog.RelativeTime;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.engine.catalog.TableChange;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.catalog.TableKind;
import io.thermocline.engine.move.MoveDirection;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog: table definitions of every kind with aging policies, series clauses and cold
 * partitioning survive a reopen (with the cold rows and the primary keys they hold); DDL (add
 * column, aging rule, schedule, enable/disable, drop) takes effect at once and is refused where it
 * makes no sense; transactions that began before a schema change are refused, not misled.
 */
class CatalogDdlTest {
  private static final LocalDateTime DAY = LocalDateTime.of(2024, 3, 1, 0, 0);

  @TempDir Path dir;

  private static TableDefinition orders() {
    return TableDefinition.hybrid("orders", EngineTestDb.ORDERS)
        .withAgingRule("created_at < CURRENT_TIMESTAMP - INTERVAL '90' DAY AND region = 'emea'")
        .withAgingSchedule("EVERY 15 MINUTES")
        .withColdPartitioning(ColdPartitioning.MONTH);
  }

  /** Inserts orders; {@code note} tables have the added column after the aging flag. */
  private static void insertOrders(Session s, long from, int n, boolean aged, boolean note) {
    List<Object[]> rows = new ArrayList<>();
    for (long i = from; i < from + n; i++) {
      rows.add(
          note
              ? new Object[] {i, "emea", BigDecimal.ONE, DAY.plusDays(i % 60), aged, null}
              : new Object[] {i, "emea", BigDecimal.ONE, DAY.plusDays(i % 60), aged});
    }
    s.insertRows("orders", rows);
  }

  @Test
  void theCatalogColdRowsAndKeysSurviveAReopen() {
    List<TableDefinition> before;
    long lastCid;
    try (Database db = EngineTestDb.open(dir);
        Session s = db.session()) {
      TableDefinition created = s.createTable(orders());
      assertThat(created.schema().names())
          .containsExactly("id", "region", "amount", "created_at", "_aged");
      assertThat(created.agingRule().condition()).isNotNull();
      s.createTable(
          TableDefinition.hot(
              "regions",
              Schema.of(
                      Column.nullable("code", DataType.varchar(8)),
                      Column.nullable("name", DataType.varchar(64)))
                  .withPrimaryKey("code")));
      s.createTable(TableDefinition.cold("raw", EngineTestDb.ORDERS));
      s.createTable(
          TableDefinition.hybrid(
                  "meter",
                  Schema.of(
                          Column.notNull("meter_id", DataType.INTEGER),
                          Column.notNull("ts", DataType.TIMESTAMP),
                          Column.nullable("kwh", DataType.DOUBLE))
                      .withTimeColumn("ts"))
              .withSeries(new SeriesSpec(List.of("meter_id"), "ts", 900_000_000L, true))
              .withAgingRule(
                  AgingRule.of(Expr.lt("ts", new RelativeTime(-30L * 86_400_000_000L)))));
      s.alterTable(
          "orders", new TableChange.AddColumn(Column.nullable("note", DataType.varchar(20))));
      s.alterTable("orders", new TableChange.SetAgingEnabled(false));
      s.alterTable("orders", new TableChange.SetAgingSchedule("CRON 0 0 2 * * ?"));
      insertOrders(s, 0, 120, true, true);
      insertOrders(s, 1_000, 30, false, true);
      assertThat(db.moveBatch("orders", MoveDirection.TO_COLD, 1_000)).isEqualTo(120);
      s.insert("raw", 1L, "x", null, DAY);
      s.insert("regions", "emea", "Europe");
      assertThat(db.table("regions").definition().schema().column("code").nullable())
          .as("key columns are NOT NULL")
          .isFalse();
      before = db.tables();
      lastCid = db.lastCommitted();
    }
    try (Database db = EngineTestDb.open(dir);
        Session s = db.session()) {
      assertThat(db.tables()).isEqualTo(before);
      TableDefinition o = db.table("orders").definition();
      assertThat(o.agingEnabled()).isFalse();
      assertThat(o.agingSchedule()).isEqualTo("CRON 0 0 2 * * ?");
      assertThat(o.schemaVersion()).isEqualTo(2);
      assertThat(db.table("meter").definition().series().incrementMicros()).isEqualTo(900_000_000L);
      assertThat(db.lastCommitted()).isGreaterThanOrEqualTo(lastCid);
      assertThat(s.count("orders", null)).as("cold and (replayed) hot rows").isEqualTo(150);
      assertThat(s.count("raw", null)).isEqualTo(1);
      assertThat(s.count("regions", null)).isEqualTo(1);
      assertThatThrownBy(() -> s.insert("orders", 5L, "x", null, DAY, false, null))
          .isInstanceOfSatisfying(
              ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
      s.insert("orders", 5_000L, "x", null, DAY, false, "new");
      assertThat(db.lastCommitted()).isGreaterThan(lastCid);
    }
  }

  @Test
  void addColumnReachesRowsInBothTiersAndFencesOlderTransactions() {
    try (Database db = EngineTestDb.open(dir);
        Session s = db.session();
        Session other = db.session()) {
      s.createTable(orders());
      insertOrders(s, 0, 50, true, false);
      db.moveBatch("orders", MoveDirection.TO_COLD, 25);
      Transaction reader = other.begin();
      assertThat(reader.count("orders", null)).isEqualTo(50);
      Transaction writer = s.begin();
      writer.update("orders", Expr.eq("id", 40L), Map.of("region", "apac"));
      writer.rollback();
      Transaction late = s.begin();
      late.delete("orders", Expr.eq("id", 41L));
      try (Session ddl = db.session()) {
        assertThatThrownBy(
                () ->
                    ddl.alterTable(
                        "orders", new TableChange.AddColumn(Column.notNull("x", DataType.BIGINT))))
            .isInstanceOfSatisfying(
                ThermoException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SCHEMA));
        ddl.alterTable(
            "ORDERS", new TableChange.AddColumn(Column.nullable("note", DataType.varchar(20))));
      }
      assertThatThrownBy(() -> reader.count("orders", null))
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_TOO_OLD));
      reader.rollback();
      assertThatThrownBy(late::commit)
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION_FAILURE));
      assertThat(s.count("orders", Expr.isNull("note"))).isEqualTo(50);
      assertThat(s.update("orders", Expr.in("id", 1L, 49L), Map.of("note", "hi"))).isEqualTo(2);
      s.insert("orders", 100L, "emea", null, DAY, "added");
      assertThat(s.rows("orders", List.of("id", "note"), Expr.isNotNull("note")))
          .extracting(r -> r[0])
          .containsExactlyInAnyOrder(1L, 49L, 100L);
      assertThat(db.tableStats("orders").coldRows()).isEqualTo(25);
    }
  }

  @Test
  void agingPolicyChangesAndRefusals() {
    try (Database db = EngineTestDb.open(dir);
        Session s = db.session()) {
      s.createTable(orders());
      s.createTable(TableDefinition.hot("plain", EngineTestDb.ORDERS));
      assertThatThrownBy(() -> s.createTable(TableDefinition.hot("Plain", EngineTestDb.ORDERS)))
          .isInstanceOf(ThermoException.class)
          .hasMessageContaining("already exists");
      assertThatThrownBy(
              () -> s.alterTable("plain", new TableChange.SetAgingRule(AgingRule.parse("id > 5"))))
          .isInstanceOfSatisfying(
              ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
      assertThatThrownBy(
              () ->
                  s.alterTable(
                      "orders", new TableChange.SetAgingRule(AgingRule.parse("nosuch < 5"))))
          .isInstanceOfSatisfying(
              ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN));
      TableDefinition d =
          s.alterTable(
              "orders",
              new TableChange.SetAgingRule(
                  AgingRule.of(Expr.lt("created_at", new RelativeTime(-86_400_000_000L)))));
      assertThat(d.agingRule().text())
          .isEqualTo("created_at < CURRENT_TIMESTAMP - INTERVAL '1' DAY");
      assertThat(s.alterTable("orders", new TableChange.SetAgingEnabled(false)).agingEnabled())
          .isFalse();
      assertThat(s.alterTable("orders", new TableChange.SetAgingEnabled(true)).agingEnabled())
          .isTrue();
      assertThat(db.table("orders").definition().agingRule()).isEqualTo(d.agingRule());
      assertThatThrownBy(() -> db.moveBatch("plain", MoveDirection.TO_COLD, 10))
          .isInstanceOfSatisfying(
              ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
      assertThatThrownBy(
              () ->
                  s.createTable(
                      TableDefinition.hybrid(
                          "bad",
                          Schema.of(
                              Column.notNull("id", DataType.BIGINT),
                              Column.nullable("_aged", DataType.BOOLEAN)))))
          .isInstanceOfSatisfying(
              ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SCHEMA));
      assertThatThrownBy(
              () ->
                  s.createTable(
                      TableDefinition.cold("bad", Schema.of(Column.notNull("id", DataType.BIGINT)))
                          .withColdPartitioning(ColdPartitioning.MONTH)))
          .isInstanceOfSatisfying(
              ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SCHEMA));
      assertThat(db.tables())
          .extracting(TableDefinition::kind)
          .containsExactly(TableKind.HYBRID, TableKind.HOT);
    }
  }

  @Test
  void dropRemovesRowsFilesAndName() throws Exception {
    try (Database db = EngineTestDb.open(dir);
        Session s = db.session()) {
      s.createTable(orders());
      insertOrders(s, 0, 200, true, false);
      db.moveBatch("orders", MoveDirection.TO_COLD, 1_000);
      assertThat(parquetFiles()).isPositive();
      s.dropTable("orders");
      assertThat(parquetFiles()).isZero();
      assertThatThrownBy(() -> s.count("orders", null))
          .isInstanceOfSatisfying(
              ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE));
      s.createTable(orders());
      assertThat(s.count("orders", null)).isZero();
      insertOrders(s, 0, 10, false, false);
      assertThat(s.count("orders", null)).isEqualTo(10);
    }
  }

  private long parquetFiles() throws Exception {
    Path cold = dir.resolve("cold");
    if (!Files.exists(cold)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(cold)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).count();
    }
  }
}
