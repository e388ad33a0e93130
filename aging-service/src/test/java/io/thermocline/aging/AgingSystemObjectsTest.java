package io.thermocline.aging;

import static io.thermocline.aging.AgingFixture.DAY_MICROS;
import static io.thermocline.aging.AgingFixture.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.AgingRule;
import io.thermocline.engine.catalog.TableChange;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.system.SystemProcedure;
import io.thermocline.engine.system.SystemView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as SQL sees it: attached by the engine's extension SPI when a database opens, its
 * procedures and views in {@code Database.system()}, and DDL from any path (here the engine API the
 * SQL layer calls) rescheduling without a restart.
 */
class AgingSystemObjectsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String T = "ORDERS";

  @TempDir Path dir;
  private Database db;
  private Session session;

  @BeforeEach
  void open() {
    db =
        Thermocline.open(
            dir,
            Config.defaults()
                .with(ColdSettings.SYNC_METADATA, false)
                .with(EngineSettings.MAINTENANCE_ENABLED, false)
                .with(EngineSettings.COLD_FILE_MIN_ROWS, 10));
    session = db.session();
    session.createTable(
        TableDefinition.hybrid(T, SCHEMA)
            .withAgingRule(AgingRule.parse("ts < CURRENT_TIMESTAMP - INTERVAL '1' DAY")));
  }

  @AfterEach
  void close() {
    session.close();
    db.close();
  }

  private void insert(long from, long to, long old) {
    long now = System.currentTimeMillis() * 1_000L;
    List<Object[]> rows = new ArrayList<>();
    for (long id = from; id < to; id++) {
      rows.add(new Object[] {id, id * 10, id - from < old ? now - 2 * DAY_MICROS : now, false});
    }
    session.insertRows(T, rows);
  }

  private List<Object[]> view(String name) {
    SystemView v = db.system().view(name).orElseThrow();
    List<Object[]> rows = v.rows();
    for (Object[] r : rows) {
      assertThat(r).hasSize(v.schema().size());
    }
    return rows;
  }

  private Object[] policy() {
    List<Object[]> rows = view("aging_policies");
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private int col(String view, String column) {
    return db.system().view(view).orElseThrow().schema().find(column);
  }

  @Test
  void theExtensionAttachesOneServicePerDatabase() {
    AgingService attached = AgingService.of(db).orElseThrow();
    assertThat(attached.database()).isSameAs(db);
    assertThatThrownBy(() -> AgingService.start(db))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("AgingService.of");
            });
    assertThat(db.system().procedures())
        .extracting(SystemProcedure::name)
        .contains("RUN_AGING", "AGING_DRY_RUN");
    assertThat(db.system().views())
        .extracting(SystemView::name)
        .contains("AGING_POLICIES", "AGING_RUNS");
  }

  @Test
  void ddlThroughTheEngineReschedulesWithoutARestart() {
    insert(0, 20, 10);
    int scheduled = col("AGING_POLICIES", "SCHEDULED");
    int next = col("AGING_POLICIES", "NEXT_FIRE_TIME");
    assertThat(policy()[scheduled]).as("no schedule yet").isEqualTo(0L);

    session.alterTable(T, new TableChange.SetAgingSchedule("EVERY 1 SECOND"));
    Object[] p = policy();
    assertThat(p[col("AGING_POLICIES", "SCHEDULE")]).isEqualTo("EVERY 1 SECOND");
    assertThat(p[scheduled]).isEqualTo(1L);
    assertThat((Long) p[next]).isGreaterThan(System.currentTimeMillis() * 1_000L - 1_000_000L);
    await().atMost(WAIT).until(() -> db.tableStats(T).coldRows() == 10);

    session.alterTable(T, new TableChange.SetAgingEnabled(false));
    assertThat(policy()[scheduled]).isEqualTo(0L);
    assertThat(policy()[col("AGING_POLICIES", "ENABLED")]).isEqualTo(0L);
    int runs = view("AGING_RUNS").size();
    insert(20, 30, 10);
    await()
        .during(Duration.ofMillis(2_500))
        .atMost(WAIT)
        .until(() -> view("AGING_RUNS").size() == runs && db.tableStats(T).coldRows() == 10);

    session.alterTable(T, new TableChange.SetAgingEnabled(true));
    await().atMost(WAIT).until(() -> db.tableStats(T).coldRows() == 20);

    // An invalid schedule written past the service is shown, not thrown at the DDL.
    session.alterTable(T, new TableChange.SetAgingSchedule("EVERY 3 WEEKS"));
    assertThat(policy()[scheduled]).isEqualTo(0L);
    assertThat((String) policy()[col("AGING_POLICIES", "PROBLEM")]).contains("WEEKS");

    session.alterTable(T, new TableChange.SetAgingSchedule("EVERY 1 SECOND"));
    session.dropTable(T);
    assertThat(view("AGING_POLICIES")).isEmpty();
    assertThat(AgingService.of(db).orElseThrow().policies()).isEmpty();
  }

  @Test
  void runAgingReturnsRowsMovedEachWayAndTheRunsViewShowsIt() {
    insert(0, 50, 30);
    SystemProcedure dry = db.system().procedure("aging_dry_run");
    Object[] d = dry.call(List.of(T)).get(0);
    Map<String, Object> dr = named(dry.resultSchema().names(), d);
    assertThat(dr).containsEntry("TABLE_NAME", T).containsEntry("ROWS_TO_COLD", 30L);
    assertThat(dr).containsEntry("ROWS_TO_HOT", 0L).containsEntry("ROWS_RULE_WOULD_FLAG", 30L);
    assertThat((Long) dr.get("HOT_BYTES_FREED")).isPositive();
    assertThat((Long) dr.get("COLD_BYTES_ADDED")).isPositive();
    assertThat(db.tableStats(T).coldRows()).as("a dry run moves nothing").isZero();

    SystemProcedure run = db.system().procedure("RUN_AGING");
    Map<String, Object> r = named(run.resultSchema().names(), run.call(List.of("orders")).get(0));
    assertThat(r).containsEntry("TABLE_NAME", T).containsEntry("ROWS_TO_COLD", 30L);
    assertThat(r).containsEntry("ROWS_TO_HOT", 0L).containsEntry("STATUS", "SUCCEEDED");
    assertThat((Long) r.get("DURATION_MS")).isNotNegative();
    assertThat(r.get("ERROR_MESSAGE")).isNull();

    session.update(T, Expr.lt("id", 4L), Map.of("_aged", false));
    Map<String, Object> back = named(run.resultSchema().names(), run.call(List.of(T)).get(0));
    assertThat(back).containsEntry("ROWS_TO_HOT", 4L).containsEntry("ROWS_TO_COLD", 0L);

    List<Object[]> runs = view("AGING_RUNS");
    assertThat(runs).hasSize(2);
    Map<String, Object> last = named(RUNS_NAMES, runs.get(1));
    assertThat(last)
        .containsEntry("TABLE_NAME", T)
        .containsEntry("RUN_TRIGGER", "MANUAL")
        .containsEntry("ROWS_TO_HOT", 4L)
        .containsEntry("STATUS", "SUCCEEDED")
        .containsEntry("RUN_ID", back.get("RUN_ID"));
    assertThat((Long) last.get("END_TIME")).isGreaterThanOrEqualTo((Long) last.get("START_TIME"));
    assertThat(policy()[col("AGING_POLICIES", "HELD_ROWS")]).isEqualTo(4L);

    assertThatThrownBy(() -> run.call(List.of("NO_SUCH_TABLE")))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE));
    assertThatThrownBy(() -> run.call(List.of()))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("SYS.RUN_AGING takes one argument");
  }

  @Test
  void closingTheDatabaseStopsTheServiceAndUnregistersItsObjects() {
    AgingService s = AgingService.of(db).orElseThrow();
    session.close();
    db.close();
    assertThat(AgingService.of(db)).isEmpty();
    assertThat(db.system().procedures())
        .extracting(SystemProcedure::name)
        .doesNotContain("RUN_AGING");
    assertThat(db.system().view("AGING_RUNS")).isEmpty();
    assertThatThrownBy(() -> s.runNow(T)).isInstanceOf(ThermoException.class);
  }

  private static final List<String> RUNS_NAMES = AgingSystemObjects.RUNS.names();

  private static Map<String, Object> named(List<String> names, Object[] row) {
    Map<String, Object> m = new java.util.HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), row[i]);
    }
    return m;
  }
}
