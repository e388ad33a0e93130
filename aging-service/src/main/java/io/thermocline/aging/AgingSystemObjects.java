package io.thermocline.aging;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.system.SystemCatalog;
import io.thermocline.engine.system.SystemProcedure;
import io.thermocline.engine.system.SystemView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The aging service's SQL surface in the engine's system catalog: procedures {@code
 * SYS.RUN_AGING(table)} and {@code SYS.AGING_DRY_RUN(table)}, views {@code SYS.AGING_POLICIES} and
 * {@code SYS.AGING_RUNS}. Values are storage values (timestamps in microseconds, booleans 0/1).
 * Stateless adapters over one {@link AgingService}; thread-safe as the service is.
 */
final class AgingSystemObjects {
  private AgingSystemObjects() {}

  static final Schema RUN_RESULT =
      Schema.of(
          varchar("TABLE_NAME"),
          bigint("RUN_ID"),
          bigint("ROWS_FLAGGED"),
          bigint("ROWS_TO_COLD"),
          bigint("ROWS_TO_HOT"),
          bigint("DURATION_MS"),
          varchar("STATUS"),
          varchar("ERROR_MESSAGE"));

  static final Schema DRY_RUN_RESULT =
      Schema.of(
          varchar("TABLE_NAME"),
          bigint("ROWS_TO_COLD"),
          bigint("ROWS_RULE_WOULD_FLAG"),
          bigint("ROWS_TO_HOT"),
          bigint("ROWS_HELD"),
          bigint("HOT_BYTES_FREED"),
          bigint("COLD_BYTES_ADDED"));

  static final Schema POLICIES =
      Schema.of(
          varchar("TABLE_NAME"),
          varchar("RULE"),
          varchar("SCHEDULE"),
          Column.nullable("ENABLED", DataType.BOOLEAN),
          Column.nullable("SCHEDULED", DataType.BOOLEAN),
          Column.nullable("NEXT_FIRE_TIME", DataType.TIMESTAMP),
          bigint("MAX_ROWS_PER_RUN"),
          bigint("BATCH_ROWS"),
          bigint("THROTTLE_ROWS_PER_SECOND"),
          bigint("RECALL_HOLD_SECONDS"),
          bigint("MIN_HOT_SECONDS"),
          bigint("HELD_ROWS"),
          varchar("PROBLEM"));

  static final Schema RUNS =
      Schema.of(
          varchar("TABLE_NAME"),
          bigint("RUN_ID"),
          varchar("RUN_TRIGGER"),
          Column.nullable("START_TIME", DataType.TIMESTAMP),
          Column.nullable("END_TIME", DataType.TIMESTAMP),
          bigint("ROWS_FLAGGED"),
          bigint("ROWS_TO_COLD"),
          bigint("ROWS_TO_HOT"),
          varchar("STATUS"),
          varchar("ERROR_MESSAGE"));

  /** Registers the four objects; closing the handle unregisters them. */
  static AutoCloseable register(AgingService service, SystemCatalog catalog) {
    SystemProcedure run =
        new TableProcedure("RUN_AGING", RUN_RESULT, table -> runRow(service.runNowRecorded(table)));
    SystemProcedure dry =
        new TableProcedure("AGING_DRY_RUN", DRY_RUN_RESULT, t -> dryRow(service.dryRun(t)));
    SystemView policies = new View("AGING_POLICIES", POLICIES, () -> policyRows(service));
    SystemView runs = new View("AGING_RUNS", RUNS, () -> runRows(service));
    List<Runnable> undo = new ArrayList<>();
    try {
      catalog.register(run);
      undo.add(() -> catalog.unregister(run));
      catalog.register(dry);
      undo.add(() -> catalog.unregister(dry));
      catalog.register(policies);
      undo.add(() -> catalog.unregister(policies));
      catalog.register(runs);
      undo.add(() -> catalog.unregister(runs));
    } catch (RuntimeException e) {
      undo.forEach(Runnable::run);
      throw e;
    }
    return () -> undo.forEach(Runnable::run);
  }

  private static Object[] runRow(AgingRun r) {
    return new Object[] {
      r.table(),
      r.id(),
      r.rowsFlagged(),
      r.rowsToCold(),
      r.rowsToHot(),
      Duration.between(r.start(), r.end()).toMillis(),
      r.status().name(),
      r.error()
    };
  }

  private static Object[] dryRow(AgingDryRun d) {
    return new Object[] {
      d.table(),
      d.rowsToCold(),
      d.rowsRuleWouldFlag(),
      d.rowsToHot(),
      d.rowsHeld(),
      d.hotBytesFreed(),
      d.coldBytesAdded()
    };
  }

  private static List<Object[]> policyRows(AgingService s) {
    List<Object[]> out = new ArrayList<>();
    for (AgingPolicy p : s.policies()) {
      AgingOptions o = p.options();
      out.add(
          new Object[] {
            p.table(),
            p.rule(),
            p.schedule(),
            p.enabled() ? 1L : 0L,
            p.scheduled() ? 1L : 0L,
            micros(p.nextRun()),
            o.maxRowsPerRun(),
            (long) o.batchRows(),
            o.throttleRowsPerSecond(),
            o.recallHold().toSeconds(),
            o.minHot().toSeconds(),
            (long) p.heldRows(),
            p.problem()
          });
    }
    return out;
  }

  private static List<Object[]> runRows(AgingService s) {
    List<Object[]> out = new ArrayList<>();
    for (AgingRun r : s.runs().all()) {
      out.add(
          new Object[] {
            r.table(),
            r.id(),
            r.trigger().name(),
            micros(r.start()),
            micros(r.end()),
            r.rowsFlagged(),
            r.rowsToCold(),
            r.rowsToHot(),
            r.status().name(),
            r.error()
          });
    }
    return out;
  }

  private static Long micros(Instant t) {
    return t == null
        ? null
        : Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
  }

  private static Column varchar(String name) {
    return Column.nullable(name, DataType.varchar());
  }

  private static Column bigint(String name) {
    return Column.nullable(name, DataType.BIGINT);
  }

  /** A procedure of one VARCHAR argument, the table name, answering one row. */
  private record TableProcedure(String name, Schema resultSchema, Function<String, Object[]> body)
      implements SystemProcedure {
    @Override
    public List<Column> parameters() {
      return List.of(Column.notNull("TABLE_NAME", DataType.varchar()));
    }

    @Override
    public List<Object[]> call(List<Object> arguments) {
      if (arguments.size() != 1 || !(arguments.get(0) instanceof String table) || table.isBlank()) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "SYS." + name + " takes one argument, the table name; got " + arguments);
      }
      List<Object[]> rows = new ArrayList<>(1);
      rows.add(body.apply(table.trim()));
      return rows;
    }
  }

  /** A view computed from the service on every read. */
  private record View(String name, Schema schema, Supplier<List<Object[]>> source)
      implements SystemView {
    @Override
    public List<Object[]> rows() {
      return source.get();
    }
  }
}
