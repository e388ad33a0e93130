/**
 * The JDBC bench (issue 7): the devops queries through the embedded JDBC driver, through the engine
 * API and in DuckDB, same data, same answers; it measures the SQL layer's overhead, it owns no SQL.
 */
package io.thermocline.bench.jdbc;
