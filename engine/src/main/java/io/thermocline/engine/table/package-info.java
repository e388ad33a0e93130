/**
 * Tables over the tiers: {@link io.thermocline.engine.table.HybridTable} joins a hot column
 * partition and a cold table into one snapshot scan (the union plan), applies a commit's writes to
 * them and undoes a failed one. Assigns no commit ids and takes no commit lock itself.
 */
package io.thermocline.engine.table;
