/**
 * Background upkeep of a database: hot delta merges and cold compactions, always bounded by the
 * oldest live snapshot, in one thread per database. Changes no visible row; never moves rows
 * between tiers (that is aging).
 */
package io.thermocline.engine.maintenance;
