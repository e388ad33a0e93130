/**
 * Shared pieces of the sql module's tests: reading JDBC results, EXPLAIN text and the engine
 * database behind a connection, written once for every test class.
 */
package io.thermocline.sql.testing;
