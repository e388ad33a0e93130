package io.thermocline.engine.catalog;

/**
 * A committed catalog change, told to the listeners of {@code Database.addCatalogListener} after
 * the DDL committed and the commit lock was released (so a listener may read the catalog or run
 * statements). Services that cache policies (the aging scheduler) refresh from it. Immutable.
 *
 * @param kind what happened
 * @param table the table's name as stored
 * @param definition the definition after the change; null for {@link Kind#DROPPED}
 */
public record CatalogEvent(Kind kind, String table, TableDefinition definition) {

  /** What a DDL did to a table. */
  public enum Kind {
    CREATED,
    ALTERED,
    DROPPED
  }
}
