package io.thermocline.coldstore.scan;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
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
import java.util.Collections;
import java.util.List;

/**
 * Computes grouped partial aggregates over batches without materializing rows: per batch the
 * selected rows get group slots (no key: one slot; one dictionary-encoded string key: the
 * dictionary id, with each id's group looked up once per dictionary; otherwise {@link GroupSlots}),
 * each call accumulates into primitive arrays per slot (exact long sums that fail on overflow,
 * double sums, min/max in Thermocline's order), and the slots the batch counted are folded into the
 * {@link AggregateResult} once. Single-threaded.
 */
public final class BatchAggregator {
  private final AggregateSpec spec;
  private final AggregateResult result;
  private final GroupKey[] keys;
  private final int[] keyColumns;
  private final AggFunction[] functions;
  private final int[] callColumns;
  private int[] identity = new int[0];
  private int[] zeros = new int[0];
  private AggregatePartial[] noKeyPartials;
  private String[] cachedDictionary;
  private AggregatePartial[][] cachedPartials;

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
    int n = batch.rowCount();
    int selected = NullBitmap.cardinality(selection, n);
    if (selected == 0) {
      return;
    }
    int[] rows = selected == n ? allRows(n) : BatchOps.indexes(selection, n);
    Slots slots = assign(batch, rows);
    for (int c = 0; c < functions.length; c++) {
      accumulate(c, batch, rows, slots);
    }
  }

  /** {@code 0..n-1}, kept between batches: a fully selected batch needs no bitmap scan. */
  private int[] allRows(int n) {
    if (identity.length < n) {
      identity = new int[n];
      for (int i = 0; i < n; i++) {
        identity[i] = i;
      }
    }
    return identity.length == n ? identity : Arrays.copyOf(identity, n);
  }

  /**
   * Group slots for the rows. Two fast paths skip {@link GroupSlots} and its per-batch lookups of
   * boxed keys: no GROUP BY (every row in slot 0), and one plain dictionary-encoded string key,
   * where the slot is the dictionary id and the partials found per id are kept for as long as
   * batches share the dictionary (all batches of a cold row group do).
   */
  private Slots assign(ColumnBatch batch, int[] rows) {
    if (keys.length == 0) {
      if (noKeyPartials == null) {
        noKeyPartials = result.group(List.of());
      }
      if (zeros.length < batch.rowCount()) {
        zeros = new int[batch.rowCount()];
      }
      return new Slots(zeros, 1, new AggregatePartial[][] {noKeyPartials});
    }
    if (keys.length == 1
        && !keys[0].isBucket()
        && batch.column(keyColumns[0]) instanceof StringVector sv
        && sv.isDictionaryEncoded()
        && sv.dictionary().length <= 2 * rows.length + 64) {
      return byDictionary(sv, rows);
    }
    GroupSlots g = GroupSlots.assign(batch, rows, keys, keyColumns);
    int count = g.count();
    AggregatePartial[][] partials = new AggregatePartial[count][];
    for (int s = 0; s < count; s++) {
      partials[s] = result.group(g.keys.get(s));
    }
    return new Slots(g.slotOfRow, count, partials);
  }

  private Slots byDictionary(StringVector v, int[] rows) {
    String[] dict = v.dictionary();
    int nullSlot = dict.length;
    if (dict != cachedDictionary) {
      cachedDictionary = dict;
      cachedPartials = new AggregatePartial[dict.length + 1][];
    }
    AggregatePartial[][] partials = cachedPartials;
    int[] ids = v.ids();
    int[] slotOf = ids;
    if (v.hasNulls()) {
      slotOf = new int[v.size()];
      for (int r : rows) {
        slotOf[r] = v.isNull(r) ? nullSlot : ids[r];
      }
    }
    // Groups are created at an id's first row, so they keep the order of first appearance.
    for (int r : rows) {
      int s = slotOf[r];
      if (partials[s] == null) {
        partials[s] =
            result.group(
                s == nullSlot ? Collections.singletonList(null) : List.of((Object) dict[s]));
      }
    }
    return new Slots(slotOf, dict.length + 1, partials);
  }

  /**
   * The slot of each row ({@code slotOf}, indexed by row), how many slots there are and the
   * partials per slot (null for slots no row has seen). A slot without rows in the batch counts
   * nothing, so only slots with a count are folded. One batch.
   */
  private record Slots(int[] slotOf, int count, AggregatePartial[][] partials) {}

  private void accumulate(int c, ColumnBatch batch, int[] rows, Slots slots) {
    int[] slotOf = slots.slotOf();
    long[] count = new long[slots.count()];
    if (functions[c] == AggFunction.COUNT_STAR) {
      for (int r : rows) {
        count[slotOf[r]]++;
      }
      for (int s = 0; s < count.length; s++) {
        if (count[s] != 0) {
          slots.partials()[s][c].addCount(count[s]);
        }
      }
      return;
    }
    ColumnVector v = batch.column(callColumns[c]);
    AggFunction f = functions[c];
    if (v instanceof LongVector lv) {
      accumulateLongs(c, f, lv, rows, slots, count);
    } else if (v instanceof DoubleVector dv) {
      accumulateDoubles(c, f, dv, rows, slots, count);
    } else {
      accumulateStrings(c, f, (StringVector) v, rows, slots, count);
    }
  }

  private static void accumulateLongs(
      int c, AggFunction f, LongVector v, int[] rows, Slots slots, long[] count) {
    int nSlots = count.length;
    int[] slotOf = slots.slotOf();
    long[] a = v.values();
    boolean sums = f == AggFunction.SUM || f == AggFunction.AVG;
    long[] sum = sums ? new long[nSlots] : null;
    long[] min = sums ? null : new long[nSlots];
    long[] max = sums ? null : new long[nSlots];
    if (!sums) {
      Arrays.fill(min, Long.MAX_VALUE);
      Arrays.fill(max, Long.MIN_VALUE);
    }
    boolean nulls = v.hasNulls();
    try {
      for (int r : rows) {
        if (nulls && v.isNull(r)) {
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
      if (count[s] == 0) {
        continue;
      }
      AggregatePartial p = slots.partials()[s][c];
      p.addCount(count[s]);
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
      int c, AggFunction f, DoubleVector v, int[] rows, Slots slots, long[] count) {
    int nSlots = count.length;
    int[] slotOf = slots.slotOf();
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
      if (count[s] == 0) {
        continue;
      }
      AggregatePartial p = slots.partials()[s][c];
      p.addCount(count[s]);
      switch (f) {
        case SUM, AVG -> p.addDoubleSum(sum[s]);
        case MIN -> p.offerMin(min[s]);
        case MAX -> p.offerMax(max[s]);
        default -> {}
      }
    }
  }

  private static void accumulateStrings(
      int c, AggFunction f, StringVector v, int[] rows, Slots slots, long[] count) {
    int nSlots = count.length;
    int[] slotOf = slots.slotOf();
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
      if (count[s] == 0) {
        continue;
      }
      AggregatePartial p = slots.partials()[s][c];
      p.addCount(count[s]);
      if (f == AggFunction.MIN) {
        p.offerMin(min[s]);
      } else if (f == AggFunction.MAX) {
        p.offerMax(max[s]);
      }
    }
  }
}
