/**
 * Catalog, hybrid tables, transactions and snapshots across tiers, row moves, DML.
 *
 * <p>Placeholder until its issue fills it; see DESIGN.md section 1 for what this module owns.
 */
package io.thermocline.engine;
