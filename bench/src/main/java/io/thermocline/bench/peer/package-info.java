/**
 * Peer systems driven by the benches (DuckDB first). Bench code only; never a runtime dependency.
 */
package io.thermocline.bench.peer;
