/**
 * The columnar batch format every tier produces and consumes: typed primitive vectors with null
 * bitmaps and dictionary-encoded strings. Pure data; no I/O, no tier logic.
 */
package io.thermocline.common.batch;
