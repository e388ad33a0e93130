/**
 * Bit-level writer and reader over {@code long[]} words, shared by every codec. Must not know any
 * codec or format; it only moves bits.
 */
package io.thermocline.timeseries.bits;
