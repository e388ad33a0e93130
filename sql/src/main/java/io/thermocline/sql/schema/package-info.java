/**
 * Calcite's view of the engine catalog: one table per engine table, types mapped to SQL types.
 * Reads only; it must not write to the engine or cache catalog state across statements.
 */
package io.thermocline.sql.schema;
