/**
 * Value codecs for series columns (timestamps, longs, doubles) and the chooser that keeps the
 * smallest encoding per block. Codecs are stateless pure functions over primitive arrays; they must
 * not allocate per value, box, or know about blocks, files or checksums.
 */
package io.thermocline.timeseries.codec;
