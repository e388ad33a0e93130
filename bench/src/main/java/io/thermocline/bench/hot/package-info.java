/** The hot-store bench against DuckDB (issue 2). Measurement only; no store logic here. */
package io.thermocline.bench.hot;
