/**
 * The series block: one series key's slice of a series (start, increment, count, missing elements,
 * encoded value columns) in a versioned, CRC32C-checked byte format. Must not do file I/O or know
 * tables; callers hand it bytes and a name for error messages.
 */
package io.thermocline.timeseries.block;
