/**
 * Durability benches (issue 5): restart time of a large hot tier, commit latency and throughput
 * under the fsync policies. Owns only measurement; must not change engine behaviour or settings
 * beyond what a user could configure.
 */
package io.thermocline.bench.durability;
