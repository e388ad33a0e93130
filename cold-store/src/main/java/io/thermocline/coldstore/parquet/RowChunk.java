package io.thermocline.coldstore.parquet;

import io.thermocline.common.batch.ColumnVector;

/**
 * Rows read from one file: one vector per bound column (in binding order) and each row's position
 * in the file (0-based across row groups), which is what tombstones key on. Immutable once
 * returned.
 */
public record RowChunk(int rows, ColumnVector[] vectors, long[] positions) {}
