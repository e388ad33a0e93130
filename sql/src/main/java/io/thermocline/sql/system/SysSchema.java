package io.thermocline.sql.system;

import io.thermocline.engine.Database;
import io.thermocline.engine.system.SystemView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The {@code SYS} schema: one read-only table per view in {@link Database#system()}. The map is
 * built on every lookup (register the schema with caching off), so a view an extension registers
 * later — aging runs, backups, users — appears in the next statement. Thread-safe as the system
 * catalog is.
 */
public final class SysSchema extends AbstractSchema {
  /** The schema name in SQL. */
  public static final String NAME = "SYS";

  private final Database database;

  public SysSchema(Database database) {
    this.database = database;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> map = new LinkedHashMap<>();
    for (SystemView v : database.system().views()) {
      map.put(v.name(), new SystemViewTable(v));
    }
    return map;
  }
}
