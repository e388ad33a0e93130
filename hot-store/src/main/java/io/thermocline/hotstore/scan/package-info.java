/**
 * Vectorized reads of a partition: predicates compiled into value-id space (main) or raw-value
 * tests (delta), per-block selection masks, and cursors that assemble result batches. Must not
 * write to the partition except through the end stamps the partition asks for.
 */
package io.thermocline.hotstore.scan;
