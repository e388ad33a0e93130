/**
 * Calcite SQL and JDBC (embedded driver, Avatica server).
 *
 * <p>Placeholder until its issue fills it; see DESIGN.md section 1 for what this module owns.
 */
package io.thermocline.sql;
