/**
 * Bench workloads: the generated devops table and the imported flights table, as ready batches
 * shared by every system under test. No timing here.
 */
package io.thermocline.bench.workload;
