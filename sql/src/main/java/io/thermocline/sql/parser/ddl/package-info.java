/**
 * The syntax trees of Thermocline's own statements (CREATE [HYBRID] TABLE with aging, cold
 * partitioning and series clauses, ALTER TABLE ... AGING, DROP TABLE, CREATE/DROP INDEX, BACKUP
 * DATA) as Calcite {@code SqlNode}s, built by the generated parser. Must not execute anything nor
 * depend on the engine: mapping these trees to engine calls happens elsewhere.
 */
package io.thermocline.sql.parser.ddl;
