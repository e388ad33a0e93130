package io.thermocline.sql.schema;

import io.thermocline.engine.Database;
import io.thermocline.engine.catalog.TableDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The engine catalog as a Calcite schema. The table map is rebuilt on every lookup from the
 * database's current catalog (register it with caching off), so DDL is visible to the next
 * statement. Thread-safe as far as the catalog is; scans go through the owning connection's reader.
 */
public final class ThermoSchema extends AbstractSchema {
  /** The name the driver registers the schema under and makes the default. */
  public static final String NAME = "THERMO";

  private final Database database;
  private final TableReader reader;
  private final Object owner;

  /**
   * @param owner the connection state DDL and DML executors reach through the schema (opaque here)
   */
  public ThermoSchema(Database database, TableReader reader, Object owner) {
    this.database = database;
    this.reader = reader;
    this.owner = owner;
  }

  public Database database() {
    return database;
  }

  public Object owner() {
    return owner;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> map = new LinkedHashMap<>();
    for (TableDefinition d : database.tables()) {
      map.put(d.name(), new ThermoTable(d, reader));
    }
    return map;
  }

  @Override
  public boolean isMutable() {
    return true;
  }
}
