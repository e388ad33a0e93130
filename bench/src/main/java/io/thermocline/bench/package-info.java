/**
 * Benchmarks that put Thermocline next to its peers in one run and print ratios. Run on purpose
 * (see bench/README.md), never part of the default test run.
 */
package io.thermocline.bench;
