/**
 * The write-optimized delta of a column partition: append-only chunks of 4,096 rows with raw
 * values, per-chunk null bitmaps and row versions, and an unsorted dictionary for strings. Must not
 * validate input (the partition does) nor build mains (the merge does).
 */
package io.thermocline.hotstore.delta;
