/**
 * The embedded Java API of Thermocline: {@link io.thermocline.engine.Thermocline#open} gives a
 * {@link io.thermocline.engine.Database}; sessions run snapshot-isolated transactions over hybrid
 * tables. Owns no storage format; the tiers do. No SQL here (that is the sql module).
 */
package io.thermocline.engine;
