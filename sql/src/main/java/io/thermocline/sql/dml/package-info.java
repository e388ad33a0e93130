/**
 * Runs INSERT, UPDATE and DELETE as engine writes, translating WHERE clauses to common's Expr. It
 * must not plan queries: sources of INSERT ... SELECT run through the Calcite connection.
 */
package io.thermocline.sql.dml;
