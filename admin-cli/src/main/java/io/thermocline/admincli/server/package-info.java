/**
 * The {@code thermo server} process: opens the database, starts the aging scheduler, the JDBC
 * endpoint, the admin HTTP API and the metrics endpoint, and shuts them down in order. It
 * authenticates and authorizes every request; it must not implement admin operations itself.
 */
package io.thermocline.admincli.server;
