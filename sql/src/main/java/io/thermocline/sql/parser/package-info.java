/**
 * Thermocline's SQL parser: Calcite's grammar extended at build time (ThermoSqlParserImpl,
 * generated from src/main/codegen) and the {@link io.thermocline.sql.parser.ThermoSqlParser}
 * facade. Produces SqlNode trees only; must not validate against a catalog, execute, or depend on
 * the engine.
 */
package io.thermocline.sql.parser;
