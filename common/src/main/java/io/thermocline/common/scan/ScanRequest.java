package io.thermocline.common.scan;

import io.thermocline.common.expr.Expr;
import java.util.List;

/**
 * What a scan reads: the snapshot (commit id; rows created at or before it and not ended at or
 * before it are visible), the projected columns ({@code null} = all, in schema order), a
 * pushed-down filter ({@code null} = none) and the preferred batch size.
 */
public record ScanRequest(long snapshot, List<String> projection, Expr filter, int batchSize) {
  public static final int DEFAULT_BATCH_SIZE = 4096;

  public ScanRequest {
    projection = projection == null ? null : List.copyOf(projection);
    batchSize = batchSize <= 0 ? DEFAULT_BATCH_SIZE : batchSize;
  }

  public static ScanRequest at(long snapshot) {
    return new ScanRequest(snapshot, null, null, DEFAULT_BATCH_SIZE);
  }

  public ScanRequest withProjection(List<String> columns) {
    return new ScanRequest(snapshot, columns, filter, batchSize);
  }

  public ScanRequest withFilter(Expr f) {
    return new ScanRequest(snapshot, projection, f, batchSize);
  }

  public ScanRequest withBatchSize(int size) {
    return new ScanRequest(snapshot, projection, filter, size);
  }
}
