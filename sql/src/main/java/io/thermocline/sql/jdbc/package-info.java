/**
 * The JDBC driver: embedded (a Calcite connection over the engine, DML, transactions and CALL
 * routed to the engine, every statement checked against the user's role) and remote (Avatica's
 * client with readable errors). It must not open a data directory twice (see DatabaseRegistry).
 */
package io.thermocline.sql.jdbc;
