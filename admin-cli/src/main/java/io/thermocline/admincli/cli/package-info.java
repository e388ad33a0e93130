/**
 * The {@code thermo} subcommands: talk to a running server over the admin API (tables, policies,
 * aging, backups, status, loads, users), to its JDBC endpoint (sql), or open a data directory
 * directly when offline (restore, recover, demo). Must not hold admin logic a server should run.
 */
package io.thermocline.admincli.cli;
