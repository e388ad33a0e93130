/**
 * The embedded JDBC driver: a Calcite connection over the engine, with DML and transactions routed
 * to the engine session. It must not open a data directory twice (see DatabaseRegistry).
 */
package io.thermocline.sql.jdbc;
