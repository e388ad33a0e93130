/**
 * Admin operations on an open database, as the HTTP API and {@code thermo demo} run them: tables,
 * aging policies and runs, backups, status, bulk loads. Results are plain records (JSON through
 * Jackson). Must not know HTTP, authentication or the command line.
 */
package io.thermocline.admincli.admin;
