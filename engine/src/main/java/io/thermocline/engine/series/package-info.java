/**
 * The engine side of series tables: the period grid and bounds checked per statement, uniqueness of
 * (series key, period) and gap-free series checked at commit, and the series hot partition. Must
 * not encode or store rows itself: hot-store's series main and the cold tier do that.
 */
package io.thermocline.engine.series;
