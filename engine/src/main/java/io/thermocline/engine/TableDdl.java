package io.thermocline.engine;

import io.thermocline.coldstore.ColdStore;
import io.thermocline.coldstore.ColdTable;
import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.catalog.Catalog;
import io.thermocline.engine.catalog.TableChange;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.durability.CommitLog;
import io.thermocline.engine.durability.CommitRecord;
import io.thermocline.engine.series.SeriesTables;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.txn.CommitClock;
import io.thermocline.engine.txn.CommitGate;
import io.thermocline.hotstore.ColumnPartition;
import java.util.List;
import java.util.function.BiFunction;

/**
 * CREATE, ALTER and DROP TABLE of an open database: each one exclusive commit that changes the
 * catalog (durable in RocksDB first), the cold store, the {@link LiveTables} and the log's id
 * sequence together, undoing what it did when a later step fails. Concurrency: each call runs under
 * {@link CommitClock#beginExclusive}, so DDL is serialized with every commit.
 */
final class TableDdl {
  private final CommitClock clock;
  private final CommitGate gate;
  private final Catalog catalog;
  private final ColdStore coldStore;
  private final CommitLog log;
  private final Config config;
  private final LiveTables tables;
  private final BiFunction<TableDefinition, ColdTable, HybridTable> tableFactory;

  TableDdl(
      CommitClock clock,
      CommitGate gate,
      Catalog catalog,
      ColdStore coldStore,
      CommitLog log,
      Config config,
      LiveTables tables,
      BiFunction<TableDefinition, ColdTable, HybridTable> tableFactory) {
    this.clock = clock;
    this.gate = gate;
    this.catalog = catalog;
    this.coldStore = coldStore;
    this.log = log;
    this.config = config;
    this.tables = tables;
    this.tableFactory = tableFactory;
  }

  TableDefinition create(TableDefinition request) {
    try (CommitClock.Commit c = clock.beginExclusive()) {
      gate.check();
      TableDefinition d = request.created(c.cid());
      if (tables.find(d.name()) != null) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "table " + tables.find(d.name()).name() + " already exists");
      }
      if (d.hasCold() && coldStore.tableNames().contains(d.name())) {
        // Not in the catalog, so a leftover of a DROP whose cold part failed: its rows must go.
        coldStore.dropTable(d.name());
      }
      ColdTable cold =
          d.hasCold() ? coldStore.table(d.name(), d.schema(), d.coldPartitioning()) : null;
      try {
        catalog.create(d);
      } catch (RuntimeException e) {
        if (cold != null) {
          try {
            coldStore.dropTable(d.name());
          } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e;
      }
      HybridTable t = tableFactory.apply(d, cold);
      tables.put(t);
      logDdl(c.cid());
      c.publish();
      return d;
    }
  }

  /** Applies one ALTER TABLE change; returns the new definition. */
  TableDefinition alter(String name, TableChange change) {
    try (CommitClock.Commit c = clock.beginExclusive()) {
      gate.check();
      HybridTable t = tables.lookup(name);
      TableDefinition before = t.definition();
      TableDefinition after = change.applyTo(before, c.cid());
      catalog.replace(after);
      if (after.schema().equals(before.schema())) {
        t.redefine(after);
      } else {
        HybridTable next;
        try {
          ColdTable cold =
              after.hasCold()
                  ? coldStore.table(after.name(), after.schema(), after.coldPartitioning())
                  : null;
          ColumnPartition hot = after.hasHot() ? SeriesTables.hotPartition(after, config) : null;
          next = t.rewrite(after, hot, cold, c.cid(), clock.lastCommitted());
        } catch (RuntimeException e) {
          try {
            catalog.replace(before);
          } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
          }
          throw e;
        }
        t.retire(c.cid(), true);
        tables.put(next);
      }
      logDdl(c.cid());
      c.publish();
      return after;
    }
  }

  /** Drops a table with all its rows in both tiers; returns its name. */
  String drop(String name) {
    try (CommitClock.Commit c = clock.beginExclusive()) {
      gate.check();
      HybridTable t = tables.lookup(name);
      catalog.drop(t.name());
      t.retire(c.cid(), true);
      tables.remove(t.name());
      logDdl(c.cid());
      c.publish();
      if (t.definition().hasCold()) {
        try {
          coldStore.dropTable(t.name());
        } catch (ThermoException e) {
          // The table is gone from the catalog; its cold leftover is dropped by the next CREATE
          // of the name or the next open, so the DROP itself succeeded.
        }
      }
      return t.name();
    }
  }

  /**
   * A DDL's record: the catalog change is durable already; the record keeps the id sequence exact.
   * If the log fails, the gate stops commits (the catalog has the change; a reopen sorts it out).
   */
  private void logDdl(long cid) {
    try {
      log.append(new CommitRecord(CommitRecord.Kind.DDL, cid, List.of()));
    } catch (RuntimeException e) {
      gate.fail(cid, e);
      throw e;
    }
  }
}
