/**
 * The catalog: table definitions (kind, schema, aging flag, rule, schedule, cold partitioning),
 * their JSON form and their persistence through {@link io.thermocline.engine.catalog.CatalogStore}.
 * Holds no rows and runs no transactions; the database serializes every change.
 */
package io.thermocline.engine.catalog;
