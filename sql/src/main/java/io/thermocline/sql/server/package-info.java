/**
 * The remote JDBC endpoint: an Avatica server (Jetty, protobuf) whose connections are driver
 * connections to one open database, each authenticated and run as its user. It must not open or
 * close the database it serves, nor run SQL itself.
 */
package io.thermocline.sql.server;
