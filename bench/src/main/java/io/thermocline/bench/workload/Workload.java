package io.thermocline.bench.workload;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.schema.Schema;
import java.util.List;

/**
 * A generated or imported table, held in memory as ready-made batches so that every system under
 * test loads from the same arrays and no generation cost lands in a timed section. Immutable.
 */
public record Workload(String name, Schema schema, List<ColumnBatch> batches, long rows) {}
