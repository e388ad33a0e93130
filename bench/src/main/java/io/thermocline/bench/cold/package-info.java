/**
 * The cold-store bench against DuckDB reading the same Parquet files (issue 3). Measurement only.
 */
package io.thermocline.bench.cold;
