/**
 * Runs the DDL statements of the extended parser against the engine catalog (Calcite's DDL hook).
 * It must not run queries or DML; those go through Calcite and the dml package.
 */
package io.thermocline.sql.ddl;
