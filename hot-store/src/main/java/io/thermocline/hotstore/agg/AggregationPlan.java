package io.thermocline.hotstore.agg;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.scan.AggFunction;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;

/**
 * An {@link AggregateSpec} resolved against a schema: column indexes and storage classes of keys
 * and calls, checked once (unknown column, SUM of a string, time bucket of a non-LONG column).
 * Immutable.
 */
public final class AggregationPlan {
  final AggregateSpec spec;
  final GroupKey[] keys;
  final int[] keyColumns;
  final StorageClass[] keyStorage;
  final AggFunction[] functions;
  final int[] callColumns;
  final StorageClass[] callStorage;

  private AggregationPlan(Schema schema, AggregateSpec spec) {
    this.spec = spec;
    int k = spec.groupBy().size();
    keys = spec.groupBy().toArray(new GroupKey[0]);
    keyColumns = new int[k];
    keyStorage = new StorageClass[k];
    for (int i = 0; i < k; i++) {
      keyColumns[i] = schema.indexOf(keys[i].column());
      keyStorage[i] = schema.column(keyColumns[i]).type().storage();
      if (keys[i].isBucket() && keyStorage[i] != StorageClass.LONG) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "time bucket needs a LONG-stored column (TIMESTAMP, DATE, BIGINT...), not "
                + keys[i].column()
                + " "
                + schema.column(keyColumns[i]).type().sql());
      }
    }
    int c = spec.calls().size();
    functions = new AggFunction[c];
    callColumns = new int[c];
    callStorage = new StorageClass[c];
    for (int i = 0; i < c; i++) {
      AggregateCall call = spec.calls().get(i);
      functions[i] = call.function();
      if (call.function() == AggFunction.COUNT_STAR) {
        callColumns[i] = -1;
        continue;
      }
      callColumns[i] = schema.indexOf(call.column());
      callStorage[i] = schema.column(callColumns[i]).type().storage();
      if ((call.function() == AggFunction.SUM || call.function() == AggFunction.AVG)
          && callStorage[i] == StorageClass.STRING) {
        throw new ThermoException(
            ErrorCode.TYPE_MISMATCH,
            call + " needs a numeric column; " + call.column() + " is a string column");
      }
    }
  }

  public static AggregationPlan resolve(Schema schema, AggregateSpec spec) {
    return new AggregationPlan(schema, spec);
  }

  public AggregateSpec spec() {
    return spec;
  }

  /** Whether the answer is a plain row count (no keys, only COUNT(*)). */
  public boolean countOnly() {
    if (keys.length != 0) {
      return false;
    }
    for (AggFunction f : functions) {
      if (f != AggFunction.COUNT_STAR) {
        return false;
      }
    }
    return true;
  }
}
