/**
 * The series compression bench (issue 6): Thermocline's series blocks and cold files against TsFile
 * and Parquet on the same series, bytes/point and speed, every format read back and checked. Must
 * not change Thermocline code or data; it only measures.
 */
package io.thermocline.bench.series;
