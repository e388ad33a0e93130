/**
 * Aggregates computed inside the hot tier without materializing rows: group keys numbered from
 * value ids (main) or hashed raw values (delta), primitive accumulators per group, partials handed
 * to common's AggregateResult. Must not change partition state.
 */
package io.thermocline.hotstore.agg;
