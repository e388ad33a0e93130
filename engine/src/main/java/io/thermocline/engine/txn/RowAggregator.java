package io.thermocline.engine.txn;

import io.thermocline.common.scan.AggFunction;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregatePartial;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregates rows of storage values one at a time into an {@link AggregateResult} with the same
 * semantics as the tiers' vectorized aggregates (exact long sums, NULLs skipped, time buckets): the
 * fallback for a transaction that aggregates over its own pending writes. Single-threaded.
 */
public final class RowAggregator {
  private final AggregateSpec spec;
  private final AggregateResult result;
  private final int[] groupColumns;
  private final int[] callColumns;

  public RowAggregator(AggregateSpec spec, Schema schema) {
    this.spec = spec;
    this.result = new AggregateResult(spec);
    this.groupColumns = new int[spec.groupBy().size()];
    for (int i = 0; i < groupColumns.length; i++) {
      groupColumns[i] = schema.indexOf(spec.groupBy().get(i).column());
    }
    this.callColumns = new int[spec.calls().size()];
    for (int i = 0; i < callColumns.length; i++) {
      AggregateCall c = spec.calls().get(i);
      callColumns[i] = c.column() == null ? -1 : schema.indexOf(c.column());
    }
  }

  /** Adds one row (storage values in schema order). */
  public void add(Object[] row) {
    List<Object> key = new ArrayList<>(groupColumns.length);
    for (int i = 0; i < groupColumns.length; i++) {
      Object v = row[groupColumns[i]];
      GroupKey g = spec.groupBy().get(i);
      key.add(v != null && g.isBucket() ? (Object) g.bucket((Long) v) : v);
    }
    AggregatePartial[] p = result.group(key);
    for (int i = 0; i < callColumns.length; i++) {
      AggFunction f = spec.calls().get(i).function();
      if (f == AggFunction.COUNT_STAR) {
        p[i].addCount(1);
        continue;
      }
      Object v = row[callColumns[i]];
      if (v == null) {
        continue;
      }
      switch (f) {
        case COUNT -> p[i].addCount(1);
        case SUM, AVG -> {
          p[i].addCount(1);
          if (v instanceof Long l) {
            p[i].addLongSum(l);
          } else {
            p[i].addDoubleSum((Double) v);
          }
        }
        case MIN -> {
          p[i].addCount(1);
          p[i].offerMin(v);
        }
        case MAX -> {
          p[i].addCount(1);
          p[i].offerMax(v);
        }
        default -> {
          // COUNT_STAR handled above
        }
      }
    }
  }

  public AggregateResult result() {
    return result;
  }
}
