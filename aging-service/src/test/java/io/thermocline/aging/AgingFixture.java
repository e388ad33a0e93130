package io.thermocline.aging;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.DatabaseOptions;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.AgingRule;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.table.TableStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.rocksdb.RocksDBException;

/**
 * A real database with one hybrid table "readings" (id PK, v, ts) and an aging service over it; the
 * cold tier's metadata commits can be made to fail after a number of successes.
 */
final class AgingFixture implements AutoCloseable {
  static final String T = "readings";
  static final long DAY_MICROS = 86_400_000_000L;
  static final Schema SCHEMA =
      new Schema(
          List.of(
              Column.notNull("id", DataType.BIGINT),
              Column.notNull("v", DataType.BIGINT),
              Column.notNull("ts", DataType.TIMESTAMP)),
          List.of("id"),
          "ts");

  /** Cold metadata commits left before they fail; negative: never fail. */
  final AtomicInteger coldCommitsBeforeFailure = new AtomicInteger(-1);

  final Database db;
  final Session session;
  AgingService service;

  AgingFixture(Path dir) {
    Config config =
        Config.defaults()
            .with(ColdSettings.SYNC_METADATA, false)
            .with(EngineSettings.MAINTENANCE_ENABLED, false)
            .with(EngineSettings.COLD_FILE_MIN_ROWS, 10)
            // The tests start their service explicitly, with their own options.
            .with(EngineSettings.EXTENSIONS_ENABLED, false);
    db =
        Thermocline.open(
            DatabaseOptions.of(dir)
                .withConfig(config)
                .withColdOptions(
                    o ->
                        o.withCommitHook(
                            b -> {
                              if (coldCommitsBeforeFailure.get() >= 0
                                  && coldCommitsBeforeFailure.getAndDecrement() == 0) {
                                coldCommitsBeforeFailure.set(0);
                                throw new RocksDBException("injected: cold metadata disk full");
                              }
                            })));
    session = db.session();
    if (db.tables().isEmpty()) {
      // A reopened fixture finds its table.
      createTable();
    }
  }

  private void createTable() {
    session.createTable(
        TableDefinition.hybrid(T, SCHEMA)
            .withAgingRule(AgingRule.parse("ts < CURRENT_TIMESTAMP - INTERVAL '1' DAY"))
            .withAgingEnabled(true));
  }

  AgingService start(AgingOptions options) {
    return start(options, db.config());
  }

  AgingService start(AgingOptions options, Config config) {
    service = AgingService.start(db, config, java.time.Clock.systemUTC());
    service.setOptions(T, options);
    return service;
  }

  /** Rows {@code from..to-1}: the first {@code old} of them two days old, the rest fresh. */
  void insert(long from, long to, long old) {
    long now = System.currentTimeMillis() * 1_000L;
    List<Object[]> rows = new ArrayList<>();
    for (long id = from; id < to; id++) {
      long ts = id - from < old ? now - 2 * DAY_MICROS : now;
      rows.add(new Object[] {id, id * 10, ts, false});
    }
    session.insertRows(T, rows);
  }

  TableStats stats() {
    return db.tableStats(T);
  }

  boolean flag(long id) {
    Object v = session.rows(T, List.of("_aged"), Expr.eq("id", id)).get(0)[0];
    return v instanceof Boolean b ? b : ((Number) v).longValue() != 0;
  }

  long runsOf(AgingRun.Status status) {
    return service.runs().of(T).stream().filter(r -> r.status() == status).count();
  }

  @Override
  public void close() {
    coldCommitsBeforeFailure.set(-1);
    if (service != null) {
      service.close();
    }
    session.close();
    db.close();
  }
}
