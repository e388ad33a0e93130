/**
 * The read-optimized main of a column partition: sorted dictionaries, bit-packed value ids, null
 * bitmaps and zone maps. Immutable once built by a merge; must not know about deltas or writers.
 */
package io.thermocline.hotstore.main;
