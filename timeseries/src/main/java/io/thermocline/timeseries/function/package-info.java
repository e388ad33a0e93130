/**
 * Series functions over primitive arrays: the grid of a range, rounding and bucketing of
 * timestamps, gap filling and disaggregation (SERIES_GENERATE, SERIES_ROUND, TIME_BUCKET, gap fill,
 * SERIES_DISAGGREGATE). Pure functions; must not know tables, blocks or SQL.
 */
package io.thermocline.timeseries.function;
