package io.thermocline.testkit.model;

import io.thermocline.common.batch.BatchBuilder;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.scan.TierScan;
import io.thermocline.common.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ReferenceTable} seen through the scan contract: the rows of one {@link
 * ReferenceTable#scan} call cut into batches of the requested size. Useful as a stand-in tier in
 * engine tests and to prove the conformance kit itself. Thread-safe as the table is; each cursor
 * holds its own copy of the rows, so later commits never change it.
 */
public final class ReferenceTierScan implements TierScan {
  private final ReferenceTable table;

  public ReferenceTierScan(ReferenceTable table) {
    this.table = table;
  }

  @Override
  public Schema schema() {
    return table.schema();
  }

  @Override
  public BatchCursor scan(ScanRequest request) {
    Schema out =
        request.projection() == null
            ? table.schema()
            : projected(table.schema(), request.projection());
    List<Object[]> rows = table.scan(request);
    return new BatchCursor() {
      private int next;

      @Override
      public ColumnBatch next() {
        if (next >= rows.size()) {
          return null;
        }
        int end = Math.min(rows.size(), next + request.batchSize());
        BatchBuilder builder = new BatchBuilder(out, end - next);
        for (; next < end; next++) {
          builder.add(rows.get(next));
        }
        return builder.build();
      }

      @Override
      public void close() {
        next = rows.size();
      }
    };
  }

  @Override
  public AggregateResult aggregate(ScanRequest request, AggregateSpec spec) {
    return table.aggregate(request, spec);
  }

  private static Schema projected(Schema schema, List<String> names) {
    List<String> exact = new ArrayList<>(names.size());
    for (String n : names) {
      exact.add(schema.column(n).name());
    }
    return schema.project(exact);
  }
}
