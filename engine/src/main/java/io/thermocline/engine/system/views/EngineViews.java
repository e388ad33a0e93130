package io.thermocline.engine.system.views;

import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.TypeKind;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.durability.Resolution;
import io.thermocline.engine.system.SystemCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the engine's system views on a database when it opens: {@code TABLES}, {@code COLUMNS},
 * {@code SERIES}, {@code SESSIONS}, {@code RECOVERY_RESOLUTIONS} here, {@code PARTITIONS} in {@link
 * PartitionsView}. The views live as long as the database, so they are never unregistered.
 *
 * <p>Stateless; every view reads the catalog's current copy-on-write state, so rows are consistent
 * per table, not across tables.
 */
public final class EngineViews {
  private static final DataType NAME = DataType.varchar(128);
  private static final DataType TEXT = DataType.varchar();

  private EngineViews() {}

  /** Registers every engine view in {@code database.system()}. */
  public static void register(Database database) {
    SystemCatalog system = database.system();
    system.register(tables(database));
    system.register(columns(database));
    system.register(PartitionsView.create(database));
    system.register(series(database));
    system.register(sessions(database));
    system.register(recoveryResolutions(database));
  }

  static ComputedView tables(Database db) {
    Schema schema =
        Schema.of(
            Column.notNull("TABLE_NAME", NAME),
            Column.notNull("KIND", DataType.varchar(8)),
            Column.nullable("AGING_FLAG", NAME),
            Column.nullable("AGING_RULE", TEXT),
            Column.nullable("AGING_SCHEDULE", TEXT),
            Column.notNull("AGING_ENABLED", DataType.BOOLEAN),
            Column.notNull("COLD_PARTITIONING", DataType.varchar(16)),
            Column.nullable("TIME_COLUMN", NAME),
            Column.notNull("CREATED_CID", DataType.BIGINT),
            Column.notNull("SCHEMA_VERSION", DataType.INTEGER));
    return new ComputedView(
        "TABLES",
        schema,
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (TableDefinition d : db.tables()) {
            rows.add(
                new Object[] {
                  d.name(),
                  d.kind().name(),
                  d.agingFlag(),
                  d.agingRule() == null ? null : d.agingRule().text(),
                  d.agingSchedule(),
                  bool(d.agingEnabled()),
                  d.coldPartitioning().name(),
                  d.schema().timeColumn().orElse(null),
                  d.createdCid(),
                  (long) d.schemaVersion()
                });
          }
          return rows;
        });
  }

  static ComputedView columns(Database db) {
    Schema schema =
        Schema.of(
            Column.notNull("TABLE_NAME", NAME),
            Column.notNull("COLUMN_NAME", NAME),
            Column.notNull("POSITION", DataType.INTEGER),
            Column.notNull("DATA_TYPE", DataType.varchar(32)),
            Column.nullable("PRECISION", DataType.INTEGER),
            Column.nullable("SCALE", DataType.INTEGER),
            Column.nullable("LENGTH", DataType.INTEGER),
            Column.notNull("NULLABLE", DataType.BOOLEAN),
            Column.nullable("PRIMARY_KEY_POSITION", DataType.INTEGER));
    return new ComputedView(
        "COLUMNS",
        schema,
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (TableDefinition d : db.tables()) {
            List<Column> cols = d.schema().columns();
            List<String> key = d.schema().primaryKey();
            for (int i = 0; i < cols.size(); i++) {
              Column c = cols.get(i);
              DataType t = c.type();
              int keyAt = key.indexOf(c.name());
              boolean decimal = t.kind() == TypeKind.DECIMAL;
              boolean varchar = t.kind() == TypeKind.VARCHAR;
              rows.add(
                  new Object[] {
                    d.name(),
                    c.name(),
                    (long) i + 1,
                    t.kind().name(),
                    decimal ? (Object) (long) t.precision() : null,
                    decimal ? (Object) (long) t.scale() : null,
                    varchar ? (Object) (long) t.length() : null,
                    bool(c.nullable()),
                    keyAt < 0 ? null : (Object) (long) (keyAt + 1)
                  });
            }
          }
          return rows;
        });
  }

  static ComputedView series(Database db) {
    Schema schema =
        Schema.of(
            Column.notNull("TABLE_NAME", NAME),
            Column.notNull("SERIES_KEY", TEXT),
            Column.notNull("PERIOD_COLUMN", NAME),
            Column.notNull("EQUIDISTANT", DataType.BOOLEAN),
            Column.nullable("INCREMENT_MICROS", DataType.BIGINT),
            Column.notNull("MISSING_ALLOWED", DataType.BOOLEAN));
    return new ComputedView(
        "SERIES",
        schema,
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (TableDefinition d : db.tables()) {
            SeriesSpec s = d.series();
            if (s == null) {
              continue;
            }
            boolean equidistant = s.incrementMicros() > 0;
            rows.add(
                new Object[] {
                  d.name(),
                  String.join(",", s.seriesKey()),
                  s.periodColumn(),
                  bool(equidistant),
                  equidistant ? (Object) s.incrementMicros() : null,
                  bool(s.missingAllowed())
                });
          }
          return rows;
        });
  }

  static ComputedView sessions(Database db) {
    Schema schema =
        Schema.of(
            Column.notNull("SESSION_ID", DataType.BIGINT),
            Column.nullable("USER_NAME", NAME),
            Column.notNull("STARTED", DataType.TIMESTAMP),
            Column.notNull("IN_TRANSACTION", DataType.BOOLEAN));
    return new ComputedView(
        "SESSIONS",
        schema,
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (Session s : db.openSessions()) {
            rows.add(
                new Object[] {s.id(), s.user(), micros(s.started()), bool(s.current() != null)});
          }
          return rows;
        });
  }

  static ComputedView recoveryResolutions(Database db) {
    Schema schema =
        Schema.of(
            Column.notNull("CID", DataType.BIGINT),
            Column.notNull("ACTION", DataType.varchar(16)),
            Column.nullable("DETAIL", TEXT));
    return new ComputedView(
        "RECOVERY_RESOLUTIONS",
        schema,
        () -> {
          List<Object[]> rows = new ArrayList<>();
          for (Resolution r : db.recoveryResolutions()) {
            rows.add(new Object[] {r.cid(), r.action(), r.detail()});
          }
          return rows;
        });
  }

  static Long bool(boolean b) {
    return b ? 1L : 0L;
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
