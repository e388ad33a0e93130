package io.thermocline.admincli.admin;

import io.thermocline.aging.AgingSchedule;
import io.thermocline.coldstore.ColdPartitioning;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.Database;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.catalog.TableKind;
import io.thermocline.engine.table.TableStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tables: create from a {@link TableSpec}, list, describe, drop. Everything is checked before the
 * catalog changes, so a bad request changes nothing. Thread-safe (the database serializes DDL).
 */
public final class TableAdmin {
  private final Database db;

  public TableAdmin(Database db) {
    this.db = db;
  }

  public List<TableInfo> list() {
    List<TableInfo> out = new ArrayList<>();
    for (TableDefinition d : db.tables()) {
      try {
        out.add(describe(d.name()));
      } catch (ThermoException e) {
        if (e.code() != ErrorCode.UNKNOWN_TABLE) {
          throw e;
        }
        // dropped between the listing and the statistics
      }
    }
    return out;
  }

  /** The table (UNKNOWN_TABLE naming it if there is none). */
  public TableInfo describe(String name) {
    TableDefinition d = db.table(name).definition();
    TableStats s = db.tableStats(d.name());
    List<TableInfo.ColumnInfo> cols = new ArrayList<>();
    for (Column c : d.schema().columns()) {
      cols.add(new TableInfo.ColumnInfo(c.name(), c.type().sql(), c.nullable()));
    }
    return new TableInfo(
        d.name(),
        d.kind().name(),
        cols,
        d.schema().primaryKey(),
        d.schema().timeColumn().orElse(null),
        d.coldPartitioning().name(),
        d.agingFlag(),
        d.agingRule() == null ? null : d.agingRule().text(),
        d.agingSchedule(),
        d.agingEnabled(),
        s.hotRows(),
        s.coldRows(),
        s.hotMemoryBytes(),
        s.coldFiles(),
        s.coldBytes());
  }

  public TableInfo create(TableSpec spec) {
    TableDefinition d = db.createTable(definition(spec));
    return describe(d.name());
  }

  public void drop(String name) {
    db.dropTable(db.table(name).name());
  }

  /** The engine definition of a spec, checked (types, key and time columns, rule, schedule). */
  public static TableDefinition definition(TableSpec spec) {
    if (spec.name() == null || spec.name().isBlank()) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, "a table needs a name");
    }
    if (spec.columns().isEmpty()) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA, "table " + spec.name() + " needs at least one column");
    }
    List<Column> cols = new ArrayList<>();
    for (String c : spec.columns()) {
      cols.add(ColumnSyntax.parse(c));
    }
    Schema schema =
        new Schema(
            cols, SqlNames.canonical(spec.primaryKey()), SqlNames.canonical(spec.timeColumn()));
    TableKind kind = kind(spec);
    String name = SqlNames.canonical(spec.name());
    TableDefinition d =
        switch (kind) {
          case HOT -> TableDefinition.hot(name, schema);
          case HYBRID -> TableDefinition.hybrid(name, schema);
          case COLD -> TableDefinition.cold(name, schema);
        };
    if (spec.coldPartitionBy() != null && !spec.coldPartitionBy().isBlank()) {
      d = d.withColdPartitioning(partitioning(spec));
    }
    boolean aging =
        spec.agingRule() != null || spec.agingSchedule() != null || spec.agingEnabled() != null;
    if (aging && kind != TableKind.HYBRID) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "table " + spec.name() + " is " + kind + "; only a hybrid table has an aging policy");
    }
    if (spec.agingRule() != null && !spec.agingRule().isBlank()) {
      d = d.withAgingRule(spec.agingRule());
    }
    if (spec.agingSchedule() != null && !spec.agingSchedule().isBlank()) {
      d = d.withAgingSchedule(AgingSchedule.parse(spec.agingSchedule()).text());
    }
    if (spec.agingEnabled() != null) {
      d = d.withAgingEnabled(spec.agingEnabled());
    }
    d.created(0); // checks the rule, partitioning and key against the final schema, changes nothing
    return d;
  }

  private static TableKind kind(TableSpec spec) {
    String k = spec.kind() == null ? "HOT" : spec.kind().trim().toUpperCase(Locale.ROOT);
    try {
      return TableKind.valueOf(k);
    } catch (IllegalArgumentException e) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "table " + spec.name() + ": kind " + spec.kind() + " is not one of HOT, HYBRID, COLD");
    }
  }

  private static ColdPartitioning partitioning(TableSpec spec) {
    try {
      return ColdPartitioning.valueOf(spec.coldPartitionBy().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "table "
              + spec.name()
              + ": cold partitioning "
              + spec.coldPartitionBy()
              + " is not one of NONE, DAY, MONTH, YEAR");
    }
  }
}
