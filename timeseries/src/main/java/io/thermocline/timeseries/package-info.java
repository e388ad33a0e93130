/**
 * Equidistant time series: bit I/O, value codecs, the checksummed series block format and the
 * series functions (grid, rounding, gap filling, disaggregation). Must not know about tables, tiers
 * or SQL; it works on primitive arrays and byte arrays only.
 */
package io.thermocline.timeseries;
