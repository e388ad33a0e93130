package io.thermocline.coldstore.parquet;

/**
 * How a Parquet physical value becomes a Thermocline storage value. Files Thermocline writes use
 * the first, direct conversions only; the others let foreign files (Spark, Polars, DuckDB) import.
 */
public enum Conversion {
  BOOLEAN,
  INT32,
  /** Unsigned 32-bit integers, widened without sign extension (imported as BIGINT). */
  UINT32,
  INT64,
  DOUBLE,
  /** UTF-8 bytes to a String. */
  STRING,
  FLOAT,
  /** TIMESTAMP(MILLIS) to microseconds. */
  INT64_MILLIS,
  /** TIMESTAMP(NANOS) to microseconds, rounded toward negative infinity. */
  INT64_NANOS,
  /** Legacy Impala/Spark INT96 timestamps (nanos of day + Julian day) to microseconds. */
  INT96,
  /** DECIMAL held as big-endian two's complement bytes (precision at most 18). */
  BINARY_DECIMAL
}
