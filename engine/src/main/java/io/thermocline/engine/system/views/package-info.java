/**
 * The engine's own system views (SYS.TABLES, COLUMNS, PARTITIONS, SERIES, SESSIONS,
 * RECOVERY_RESOLUTIONS), computed from the catalog and table statistics on every read. It must not
 * change anything it reports on, nor know SQL.
 */
package io.thermocline.engine.system.views;
