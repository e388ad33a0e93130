package io.thermocline.coldstore.scan;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.scan.AggFunction;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregatePartial;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import java.util.Arrays;

/**
 * Computes grouped partial aggregates over batches without materializing rows: per batch the
 * selected rows get group slots ({@link GroupSlots}), each call accumulates into primitive arrays
 * per slot (exact long sums that fail on overflow, double sums, min/max in Thermocline's order),
 * and the slots are folded into the {@link AggregateResult} once. Single-threaded.
 */
public final class BatchAggregator {
  private final AggregateSpec spec;
  private final AggregateResult result;
  private final GroupKey[] keys;
  private final int[] keyColumns;
  private final AggFunction[] functions;
  private final int[] callColumns;

  /** {@code readSchema} is the schema of the batches {@link #add} receives. */
  public BatchAggregator(AggregateSpec spec, Schema readSchema) {
    this.spec = spec;
    this.result = new AggregateResult(spec);
    this.keys = spec.groupBy().toArray(new GroupKey[0]);
    this.keyColumns = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keyColumns[i] = readSchema.indexOf(keys[i].column());
      if (keys[i].isBucket()
          && readSchema.column(keyColumns[i]).type().storage() != StorageClass.LONG) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "time bucket needs an integral or temporal column, not " + keys[i].column());
      }
    }
    this.functions = new AggFunction[spec.calls().size()];
    this.callColumns = new int[functions.length];
    for (int i = 0; i < functions.length; i++) {
      AggregateCall call = spec.calls().get(i);
      functions[i] = call.function();
      callColumns[i] = call.column() == null ? -1 : readSchema.indexOf(call.column());
      if ((functions[i] == AggFunction.SUM || functions[i] == AggFunction.AVG)
          && readSchema.column(callColumns[i]).type().storage() == StorageClass.STRING) {
        throw new ThermoException(
            ErrorCode.TYPE_MISMATCH,
            functions[i] + " needs a numeric column, " + call.column() + " is VARCHAR");
      }
    }
  }

  public AggregateSpec spec() {
    return spec;
  }

  public AggregateResult result() {
    return result;
  }

  /** Adds the rows of {@code batch} whose bits are set in {@code selection}. */
  public void add(ColumnBatch batch, long[] selection) {
    int[] rows = BatchOps.indexes(selection, batch.rowCount());
    if (rows.length == 0) {
      return;
    }
    GroupSlots slots = GroupSlots.assign(batch, rows, keys, keyColumns);
    AggregatePartial[][] partials = new AggregatePartial[slots.count()][];
    for (int s = 0; s < partials.length; s++) {
      partials[s] = result.group(slots.keys.get(s));
    }
    for (int c = 0; c < functions.length; c++) {
      accumulate(c, batch, rows, slots, partials);
    }
  }

  private void accumulate(
      int c, ColumnBatch batch, int[] rows, GroupSlots slots, AggregatePartial[][] partials) {
    int nSlots = slots.count();
    int[] slotOf = slots.slotOfRow;
    long[] count = new long[nSlots];
    if (functions[c] == AggFunction.COUNT_STAR) {
      for (int r : rows) {
        count[slotOf[r]]++;
      }
      for (int s = 0; s < nSlots; s++) {
        partials[s][c].addCount(count[s]);
      }
      return;
    }
    ColumnVector v = batch.column(callColumns[c]);
    AggFunction f = functions[c];
    if (v instanceof LongVector lv) {
      accumulateLongs(c, f, lv, rows, slotOf, count, partials);
    } else if (v instanceof DoubleVector dv) {
      accumulateDoubles(c, f, dv, rows, slotOf, count, partials);
    } else {
      accumulateStrings(c, f, (StringVector) v, rows, slotOf, count, partials);
    }
  }

  private static void accumulateLongs(
      int c,
      AggFunction f,
      LongVector v,
      int[] rows,
      int[] slotOf,
      long[] count,
      AggregatePartial[][] partials) {
    int nSlots = count.length;
    long[] a = v.values();
    long[] sum = new long[nSlots];
    long[] min = new long[nSlots];
    long[] max = new long[nSlots];
    Arrays.fill(min, Long.MAX_VALUE);
    Arrays.fill(max, Long.MIN_VALUE);
    boolean sums = f == AggFunction.SUM || f == AggFunction.AVG;
    try {
      for (int r : rows) {
        if (v.isNull(r)) {
          continue;
        }
        int s = slotOf[r];
        count[s]++;
        long x = a[r];
        if (sums) {
          sum[s] = Math.addExact(sum[s], x);
        } else {
          min[s] = Math.min(min[s], x);
          max[s] = Math.max(max[s], x);
        }
      }
    } catch (ArithmeticException e) {
      throw new ThermoException(ErrorCode.NUMERIC_OUT_OF_RANGE, "SUM overflows BIGINT");
    }
    for (int s = 0; s < nSlots; s++) {
      AggregatePartial p = partials[s][c];
      p.addCount(count[s]);
      if (count[s] == 0) {
        continue;
      }
      if (sums) {
        p.addLongSum(sum[s]);
      } else if (f == AggFunction.MIN) {
        p.offerMin(min[s]);
      } else if (f == AggFunction.MAX) {
        p.offerMax(max[s]);
      }
    }
  }

  private static void accumulateDoubles(
      int c,
      AggFunction f,
      DoubleVector v,
      int[] rows,
      int[] slotOf,
      long[] count,
      AggregatePartial[][] partials) {
    int nSlots = count.length;
    double[] a = v.values();
    double[] sum = new double[nSlots];
    double[] min = new double[nSlots];
    double[] max = new double[nSlots];
    for (int r : rows) {
      if (v.isNull(r)) {
        continue;
      }
      int s = slotOf[r];
      double x = a[r];
      if (count[s]++ == 0) {
        min[s] = x;
        max[s] = x;
      } else {
        if (Double.compare(x, min[s]) < 0) {
          min[s] = x;
        }
        if (Double.compare(x, max[s]) > 0) {
          max[s] = x;
        }
      }
      sum[s] += x;
    }
    for (int s = 0; s < nSlots; s++) {
      AggregatePartial p = partials[s][c];
      p.addCount(count[s]);
      if (count[s] == 0) {
        continue;
      }
      switch (f) {
        case SUM, AVG -> p.addDoubleSum(sum[s]);
        case MIN -> p.offerMin(min[s]);
        case MAX -> p.offerMax(max[s]);
        default -> {}
      }
    }
  }

  private static void accumulateStrings(
      int c,
      AggFunction f,
      StringVector v,
      int[] rows,
      int[] slotOf,
      long[] count,
      AggregatePartial[][] partials) {
    int nSlots = count.length;
    String[] min = new String[nSlots];
    String[] max = new String[nSlots];
    for (int r : rows) {
      String x = v.get(r);
      if (x == null) {
        continue;
      }
      int s = slotOf[r];
      count[s]++;
      if (min[s] == null || x.compareTo(min[s]) < 0) {
        min[s] = x;
      }
      if (max[s] == null || x.compareTo(max[s]) > 0) {
        max[s] = x;
      }
    }
    for (int s = 0; s < nSlots; s++) {
      AggregatePartial p = partials[s][c];
      p.addCount(count[s]);
      if (f == AggFunction.MIN) {
        p.offerMin(min[s]);
      } else if (f == AggFunction.MAX) {
        p.offerMax(max[s]);
      }
    }
  }
}
