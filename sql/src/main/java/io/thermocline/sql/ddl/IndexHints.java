package io.thermocline.sql.ddl;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.Database;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.sql.parser.ddl.SqlCreateIndex;

/**
 * CREATE INDEX and DROP INDEX as a column store takes them (DESIGN.md section 8): accepted as hints
 * and not stored. Every column is already a sorted dictionary with value-id range predicates, so an
 * index would add nothing to a scan. CREATE INDEX still checks that the table and its columns
 * exist, so a typo is reported as it would be by any database. Stateless.
 */
final class IndexHints {
  private IndexHints() {}

  static void create(Database database, SqlCreateIndex create) {
    String table = ThermoDdlExecutor.tableName(create.table());
    TableDefinition def =
        database.tables().stream()
            .filter(d -> d.name().equals(table))
            .findFirst()
            .orElseThrow(
                () ->
                    new ThermoException(
                        ErrorCode.UNKNOWN_TABLE,
                        "CREATE INDEX "
                            + create.name().getSimple()
                            + ": table "
                            + table
                            + " does not exist"));
    Schema schema = def.schema();
    for (String column : create.columnNames()) {
      if (schema.find(column) < 0) {
        throw new ThermoException(
            ErrorCode.UNKNOWN_COLUMN,
            "CREATE INDEX "
                + create.name().getSimple()
                + ": table "
                + table
                + " has no column "
                + column);
      }
    }
  }
}
