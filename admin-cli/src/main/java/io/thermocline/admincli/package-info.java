/**
 * The thermo command: server, admin HTTP API, CLI, packaging.
 *
 * <p>Placeholder until its issue fills it; see DESIGN.md section 1 for what this module owns.
 */
package io.thermocline.admincli;
