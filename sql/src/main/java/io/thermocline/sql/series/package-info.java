/**
 * The time-series functions of SQL (DESIGN.md section 7): TIME_BUCKET, SERIES_ROUND, the
 * SERIES_GENERATE grid and the SERIES_FILL / SERIES_DISAGGREGATE table functions over a table. It
 * computes with the timeseries module's functions and must not implement series math itself.
 */
package io.thermocline.sql.series;
