/**
 * Series mains of hot partitions: rows sorted by (series key, period) and encoded per key run as
 * timeseries-module series blocks, decoded block by block into the delta-shaped scratch scans read.
 * Must not validate series rules (grid, uniqueness): the engine does that before rows arrive here.
 */
package io.thermocline.hotstore.series;
