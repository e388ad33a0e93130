/**
 * JMH micro-benchmarks of per-byte costs the macro benches rest on (hashing, checksums), run by
 * {@code BenchMain jmh}; each compares the variants of one step in the same run and prints ratios.
 */
package io.thermocline.bench.jmh;
