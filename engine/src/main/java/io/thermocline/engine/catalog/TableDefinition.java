package io.thermocline.engine.catalog;

import io.thermocline.coldstore.ColdPartitioning;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * One table of the catalog. Build a request with {@link #hot}, {@link #hybrid} or {@link #cold} and
 * the {@code with} methods, and hand it to {@code Database.createTable}, which fills in the commit
 * id, appends the aging flag column to hybrid tables and makes key columns NOT NULL.
 *
 * <ul>
 *   <li>{@code agingFlag}: the BOOLEAN NOT NULL column whose TRUE means "belongs in the cold tier"
 *       (hybrid tables only; default {@link #DEFAULT_AGING_FLAG});
 *   <li>{@code agingRule}, {@code agingSchedule}, {@code agingEnabled}: the aging policy the aging
 *       service runs;
 *   <li>{@code coldPartitioning}: how cold files are grouped by the schema's time column;
 *   <li>{@code series}: the series clause; its period column is made NOT NULL;
 *   <li>{@code createdCid}: commit id of the CREATE; {@code schemaVersion}: bumped by ADD COLUMN;
 *   <li>{@code rewriteCid}: commit id of the last change that rewrote the hot rows (ADD COLUMN);
 *       snapshots older than it cannot read the table.
 * </ul>
 *
 * Immutable.
 */
public record TableDefinition(
    String name,
    TableKind kind,
    Schema schema,
    String agingFlag,
    AgingRule agingRule,
    String agingSchedule,
    boolean agingEnabled,
    ColdPartitioning coldPartitioning,
    SeriesSpec series,
    long createdCid,
    int schemaVersion,
    long rewriteCid) {

  /** The flag column a hybrid table gets unless it names another. */
  public static final String DEFAULT_AGING_FLAG = "_aged";

  public static final int MAX_NAME_LENGTH = 128;

  public TableDefinition {
    checkName(name);
    if (kind == null || schema == null) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA, "table " + name + " needs a kind and a schema");
    }
    coldPartitioning = coldPartitioning == null ? ColdPartitioning.NONE : coldPartitioning;
    if (kind != TableKind.HYBRID && (agingFlag != null || agingRule != null)) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "only a hybrid table has an aging flag or rule; " + name + " is " + kind);
    }
    if (kind == TableKind.HOT && coldPartitioning != ColdPartitioning.NONE) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA, "hot-only table " + name + " has no cold partitions");
    }
  }

  /** A hot-only column table. */
  public static TableDefinition hot(String name, Schema schema) {
    return new TableDefinition(
        name, TableKind.HOT, schema, null, null, null, false, ColdPartitioning.NONE, null, 0, 1, 0);
  }

  /** A hybrid table aged by the flag column {@link #DEFAULT_AGING_FLAG}, aging enabled. */
  public static TableDefinition hybrid(String name, Schema schema) {
    return new TableDefinition(
        name,
        TableKind.HYBRID,
        schema,
        DEFAULT_AGING_FLAG,
        null,
        null,
        true,
        ColdPartitioning.NONE,
        null,
        0,
        1,
        0);
  }

  /** A cold-only table ({@code USING EXTENDED STORAGE}). */
  public static TableDefinition cold(String name, Schema schema) {
    return new TableDefinition(
        name,
        TableKind.COLD,
        schema,
        null,
        null,
        null,
        false,
        ColdPartitioning.NONE,
        null,
        0,
        1,
        0);
  }

  public TableDefinition withAgingFlag(String column) {
    return new TableDefinition(
        name,
        kind,
        schema,
        column,
        agingRule,
        agingSchedule,
        agingEnabled,
        coldPartitioning,
        series,
        createdCid,
        schemaVersion,
        rewriteCid);
  }

  public TableDefinition withAgingRule(AgingRule rule) {
    return new TableDefinition(
        name,
        kind,
        schema,
        agingFlag,
        rule,
        agingSchedule,
        agingEnabled,
        coldPartitioning,
        series,
        createdCid,
        schemaVersion,
        rewriteCid);
  }

  /** The rule from its text ({@link AgingRule#parse}). */
  public TableDefinition withAgingRule(String text) {
    return withAgingRule(AgingRule.parse(text));
  }

  public TableDefinition withAgingSchedule(String schedule) {
    return new TableDefinition(
        name,
        kind,
        schema,
        agingFlag,
        agingRule,
        schedule,
        agingEnabled,
        coldPartitioning,
        series,
        createdCid,
        schemaVersion,
        rewriteCid);
  }

  public TableDefinition withAgingEnabled(boolean enabled) {
    return new TableDefinition(
        name,
        kind,
        schema,
        agingFlag,
        agingRule,
        agingSchedule,
        enabled,
        coldPartitioning,
        series,
        createdCid,
        schemaVersion,
        rewriteCid);
  }

  public TableDefinition withColdPartitioning(ColdPartitioning p) {
    return new TableDefinition(
        name,
        kind,
        schema,
        agingFlag,
        agingRule,
        agingSchedule,
        agingEnabled,
        p,
        series,
        createdCid,
        schemaVersion,
        rewriteCid);
  }

  public TableDefinition withSeries(SeriesSpec s) {
    return new TableDefinition(
        name,
        kind,
        schema,
        agingFlag,
        agingRule,
        agingSchedule,
        agingEnabled,
        coldPartitioning,
        s,
        createdCid,
        schemaVersion,
        rewriteCid);
  }

  /** A copy with another schema, version and rewrite cid (ADD COLUMN). */
  public TableDefinition withSchema(Schema s, int version, long rewrite) {
    return new TableDefinition(
        name,
        kind,
        s,
        agingFlag,
        agingRule,
        agingSchedule,
        agingEnabled,
        coldPartitioning,
        series,
        createdCid,
        version,
        rewrite);
  }

  /**
   * The definition as created at {@code cid}: the aging flag column appended to a hybrid schema
   * that lacks it, key columns NOT NULL, everything checked.
   */
  public TableDefinition created(long cid) {
    Schema s = schema;
    if (kind == TableKind.HYBRID) {
      String flag = agingFlag == null ? DEFAULT_AGING_FLAG : agingFlag;
      int i = s.find(flag);
      if (i < 0) {
        s = s.withColumn(Column.notNull(flag, DataType.BOOLEAN));
      } else {
        Column c = s.column(i);
        if (c.type().kind() != TypeKind.BOOLEAN || c.nullable()) {
          throw new ThermoException(
              ErrorCode.INVALID_SCHEMA,
              "aging flag "
                  + flag
                  + " of table "
                  + name
                  + " must be BOOLEAN NOT NULL, not "
                  + c.type()
                  + (c.nullable() ? "" : " NOT NULL"));
        }
        flag = c.name();
      }
      s = keysNotNull(s, series);
      TableDefinition d =
          new TableDefinition(
              name,
              kind,
              s,
              flag,
              agingRule,
              agingSchedule,
              agingEnabled,
              coldPartitioning,
              series,
              cid,
              1,
              0);
      d.check();
      return d;
    }
    TableDefinition d =
        new TableDefinition(
            name,
            kind,
            keysNotNull(s, series),
            null,
            null,
            agingSchedule,
            false,
            coldPartitioning,
            series,
            cid,
            1,
            0);
    d.check();
    return d;
  }

  private static Schema keysNotNull(Schema s, SeriesSpec series) {
    if (s.primaryKey().isEmpty() && series == null) {
      return s;
    }
    int period = series == null ? -1 : s.indexOf(series.periodColumn());
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      Column c = s.column(i);
      boolean key = s.primaryKey().contains(c.name()) || i == period;
      cols.add(key && c.nullable() ? Column.notNull(c.name(), c.type()) : c);
    }
    return new Schema(cols, s.primaryKey(), s.timeColumn().orElse(null));
  }

  /** Checks partitioning, the rule's columns and the series clause against the schema. */
  public void check() {
    if (kind.hasCold()) {
      coldPartitioning.check(schema, name);
    }
    if (agingRule != null) {
      agingRule.check(schema, name);
    }
    if (series != null) {
      for (String k : series.seriesKey()) {
        schema.indexOf(k);
      }
      series.check(schema, name);
    }
  }

  public boolean hasHot() {
    return kind.hasHot();
  }

  public boolean hasCold() {
    return kind.hasCold();
  }

  /** Index of the aging flag column, or -1 for tables without one. */
  public int agingFlagIndex() {
    return agingFlag == null ? -1 : schema.find(agingFlag);
  }

  static void checkName(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "table name '" + name + "' must have 1.." + MAX_NAME_LENGTH + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new ThermoException(
            ErrorCode.INVALID_SCHEMA, "table name '" + name + "' contains a control character");
      }
    }
  }
}
