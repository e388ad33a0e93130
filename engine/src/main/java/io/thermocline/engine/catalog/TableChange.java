package io.thermocline.engine.catalog;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;

/**
 * One ALTER TABLE change. {@link #applyTo} returns the new definition (checked) without touching
 * storage; the database applies the storage side (a new hot partition for ADD COLUMN). Immutable.
 */
public sealed interface TableChange {

  /** The definition after the change, committed at {@code cid}. */
  TableDefinition applyTo(TableDefinition current, long cid);

  /** {@code ADD COLUMN}: a nullable column appended to the schema (existing rows read NULL). */
  record AddColumn(Column column) implements TableChange {
    @Override
    public TableDefinition applyTo(TableDefinition d, long cid) {
      if (!column.nullable()) {
        throw new ThermoException(
            ErrorCode.INVALID_SCHEMA,
            "column "
                + column.name()
                + " added to "
                + d.name()
                + " must be nullable: existing rows have no value for it");
      }
      if (d.schema().find(column.name()) >= 0) {
        throw new ThermoException(
            ErrorCode.INVALID_SCHEMA,
            "table " + d.name() + " already has a column " + column.name());
      }
      TableDefinition next =
          d.withSchema(
              d.schema().withColumn(column),
              d.schemaVersion() + 1,
              d.hasHot() ? cid : d.rewriteCid());
      next.check();
      return next;
    }
  }

  /** {@code SET AGING RULE}; a null rule removes it. */
  record SetAgingRule(AgingRule rule) implements TableChange {
    @Override
    public TableDefinition applyTo(TableDefinition d, long cid) {
      requireHybrid(d, "an aging rule");
      TableDefinition next = d.withAgingRule(rule);
      next.check();
      return next;
    }
  }

  /** {@code SET AGING SCHEDULE}, e.g. {@code EVERY 15 MINUTES} or {@code CRON 0 0 2 * * ?}. */
  record SetAgingSchedule(String schedule) implements TableChange {
    @Override
    public TableDefinition applyTo(TableDefinition d, long cid) {
      requireHybrid(d, "an aging schedule");
      return d.withAgingSchedule(schedule == null || schedule.isBlank() ? null : schedule.trim());
    }
  }

  /** {@code ENABLE AGING} / {@code DISABLE AGING}. */
  record SetAgingEnabled(boolean enabled) implements TableChange {
    @Override
    public TableDefinition applyTo(TableDefinition d, long cid) {
      requireHybrid(d, "aging");
      return d.withAgingEnabled(enabled);
    }
  }

  private static void requireHybrid(TableDefinition d, String what) {
    if (d.kind() != TableKind.HYBRID) {
      throw new ThermoException(
          ErrorCode.UNSUPPORTED,
          "table " + d.name() + " is " + d.kind() + "; only hybrid tables have " + what);
    }
  }
}
