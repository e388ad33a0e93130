package io.thermocline.hotstore.agg;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.scan.AggFunction;
import io.thermocline.common.scan.AggregatePartial;
import io.thermocline.common.type.StorageClass;
import io.thermocline.hotstore.delta.DeltaChunk;
import io.thermocline.hotstore.delta.DeltaDictionary;
import io.thermocline.hotstore.main.DoubleDictionary;
import io.thermocline.hotstore.main.LongDictionary;
import io.thermocline.hotstore.main.MainColumn;
import io.thermocline.hotstore.scan.MainBlockIds;
import java.util.Arrays;

/**
 * The per-group state of one aggregate call over one segment, in primitive arrays indexed by group
 * slot: counts of non-NULL values, exact long or double sums, and minima/maxima (on main as value
 * ids, whose order is value order, decoded once per group at the end). Kernels take the selected
 * positions of a block and the slot of each; with a single group ({@code single}) they accumulate
 * in a local variable, in row order, so a sum equals the sequential sum. Single-threaded.
 */
abstract class CallAccumulator {
  final AggFunction function;
  final int column;
  final String name;
  long[] counts = new long[16];

  CallAccumulator(AggFunction function, int column, String name) {
    this.function = function;
    this.column = column;
    this.name = name;
  }

  static CallAccumulator create(
      AggFunction f, int column, StorageClass storage, String name, boolean main) {
    return switch (f) {
      case COUNT -> new CountValues(f, column, name);
      case SUM, AVG ->
          storage == StorageClass.LONG
              ? new LongSum(f, column, name)
              : new DoubleSum(f, column, name);
      case MIN, MAX ->
          main
              ? new MainMinMax(f, column, name)
              : switch (storage) {
                case LONG -> new DeltaLongMinMax(f, column, name);
                case DOUBLE -> new DeltaDoubleMinMax(f, column, name);
                case STRING -> new DeltaStringMinMax(f, column, name);
              };
      case COUNT_STAR -> throw new IllegalStateException("COUNT(*) is counted per group");
    };
  }

  void grow(int slots) {
    if (slots > counts.length) {
      int cap = Math.max(slots, counts.length * 2);
      counts = Arrays.copyOf(counts, cap);
      growTo(cap);
    }
  }

  abstract void growTo(int capacity);

  abstract void addMain(MainBlockIds ids, int start, int n, int[] sel, int k, int[] slots);

  abstract void addDelta(DeltaBlock block, int[] sel, int k, int[] slots);

  abstract void emit(int slot, AggregatePartial p);

  static boolean isNull(long[] nulls, int r) {
    return nulls != null && (nulls[r >>> 6] & (1L << r)) != 0;
  }

  ThermoException overflow() {
    return new ThermoException(
        ErrorCode.NUMERIC_OUT_OF_RANGE, function + "(" + name + ") overflows BIGINT");
  }

  /** A delta block: its chunk and the offset of the block inside it. */
  record DeltaBlock(DeltaChunk chunk, int off) {}

  static final class CountValues extends CallAccumulator {
    CountValues(AggFunction f, int column, String name) {
      super(f, column, name);
    }

    @Override
    void growTo(int capacity) {}

    @Override
    void addMain(MainBlockIds ids, int start, int n, int[] sel, int k, int[] slots) {
      MainColumn col = ids.main().column(column);
      if (!col.hasNulls()) {
        for (int j = 0; j < k; j++) {
          counts[slots[sel[j]]]++;
        }
        return;
      }
      int[] v = ids.ids(column, start, n);
      int nullId = col.nullId();
      for (int j = 0; j < k; j++) {
        int i = sel[j];
        if (v[i] != nullId) {
          counts[slots[i]]++;
        }
      }
    }

    @Override
    void addDelta(DeltaBlock b, int[] sel, int k, int[] slots) {
      long[] nulls = b.chunk().nulls(column);
      for (int j = 0; j < k; j++) {
        int i = sel[j];
        if (!isNull(nulls, b.off() + i)) {
          counts[slots[i]]++;
        }
      }
    }

    @Override
    void emit(int slot, AggregatePartial p) {
      p.addCount(counts[slot]);
    }
  }

  static final class LongSum extends CallAccumulator {
    long[] sums = new long[16];

    LongSum(AggFunction f, int column, String name) {
      super(f, column, name);
    }

    @Override
    void growTo(int capacity) {
      sums = Arrays.copyOf(sums, capacity);
    }

    @Override
    void addMain(MainBlockIds ids, int start, int n, int[] sel, int k, int[] slots) {
      MainColumn col = ids.main().column(column);
      long[] dict = ((LongDictionary) col.dictionary()).values();
      int[] v = ids.ids(column, start, n);
      int nullId = col.nullId();
      try {
        for (int j = 0; j < k; j++) {
          int i = sel[j];
          int id = v[i];
          if (id != nullId) {
            int s = slots[i];
            sums[s] = Math.addExact(sums[s], dict[id]);
            counts[s]++;
          }
        }
      } catch (ArithmeticException e) {
        throw overflow();
      }
    }

    @Override
    void addDelta(DeltaBlock b, int[] sel, int k, int[] slots) {
      long[] values = b.chunk().longs(column);
      long[] nulls = b.chunk().nulls(column);
      int off = b.off();
      try {
        for (int j = 0; j < k; j++) {
          int i = sel[j];
          if (!isNull(nulls, off + i)) {
            int s = slots[i];
            sums[s] = Math.addExact(sums[s], values[off + i]);
            counts[s]++;
          }
        }
      } catch (ArithmeticException e) {
        throw overflow();
      }
    }

    @Override
    void emit(int slot, AggregatePartial p) {
      if (counts[slot] > 0) {
        p.addLongSum(sums[slot]);
        p.addCount(counts[slot]);
      }
    }
  }

  static final class DoubleSum extends CallAccumulator {
    double[] sums = new double[16];

    DoubleSum(AggFunction f, int column, String name) {
      super(f, column, name);
    }

    @Override
    void growTo(int capacity) {
      sums = Arrays.copyOf(sums, capacity);
    }

    @Override
    void addMain(MainBlockIds ids, int start, int n, int[] sel, int k, int[] slots) {
      MainColumn col = ids.main().column(column);
      double[] dict = ((DoubleDictionary) col.dictionary()).values();
      int[] v = ids.ids(column, start, n);
      if (!col.hasNulls()) {
        for (int j = 0; j < k; j++) {
          int i = sel[j];
          int s = slots[i];
          sums[s] += dict[v[i]];
          counts[s]++;
        }
        return;
      }
      int nullId = col.nullId();
      for (int j = 0; j < k; j++) {
        int i = sel[j];
        int id = v[i];
        if (id != nullId) {
          int s = slots[i];
          sums[s] += dict[id];
          counts[s]++;
        }
      }
    }

    @Override
    void addDelta(DeltaBlock b, int[] sel, int k, int[] slots) {
      double[] values = b.chunk().doubles(column);
      long[] nulls = b.chunk().nulls(column);
      int off = b.off();
      for (int j = 0; j < k; j++) {
        int i = sel[j];
        if (!isNull(nulls, off + i)) {
          int s = slots[i];
          sums[s] += values[off + i];
          counts[s]++;
        }
      }
    }

    @Override
    void emit(int slot, AggregatePartial p) {
      if (counts[slot] > 0) {
        p.addDoubleSum(sums[slot]);
        p.addCount(counts[slot]);
      }
    }
  }

  /** MIN/MAX on a main: over value ids, decoded through the sorted dictionary at the end. */
  static final class MainMinMax extends CallAccumulator {
    private final boolean max;
    int[] best = new int[16];
    private MainColumn col;

    MainMinMax(AggFunction f, int column, String name) {
      super(f, column, name);
      this.max = f == AggFunction.MAX;
      Arrays.fill(best, max ? -1 : Integer.MAX_VALUE);
    }

    @Override
    void growTo(int capacity) {
      int old = best.length;
      best = Arrays.copyOf(best, capacity);
      Arrays.fill(best, old, capacity, max ? -1 : Integer.MAX_VALUE);
    }

    @Override
    void addMain(MainBlockIds ids, int start, int n, int[] sel, int k, int[] slots) {
      col = ids.main().column(column);
      int[] v = ids.ids(column, start, n);
      int nullId = col.nullId();
      if (max) {
        for (int j = 0; j < k; j++) {
          int i = sel[j];
          int id = v[i];
          int s = slots[i];
          if (id != nullId && id > best[s]) {
            best[s] = id;
          }
        }
      } else {
        // The NULL id is the largest id, so it never wins a minimum.
        for (int j = 0; j < k; j++) {
          int i = sel[j];
          int id = v[i];
          int s = slots[i];
          if (id < best[s]) {
            best[s] = id;
          }
        }
      }
    }

    @Override
    void addDelta(DeltaBlock b, int[] sel, int k, int[] slots) {
      throw new IllegalStateException("main accumulator used on a delta");
    }

    @Override
    void emit(int slot, AggregatePartial p) {
      int id = best[slot];
      if (col == null || id < 0 || id >= col.nullId()) {
        return;
      }
      offer(p, max, col.dictionary().value(id));
    }
  }

  /** Offers {@code v} (null = no value in the group) to the partial's minimum or maximum. */
  static void offer(AggregatePartial p, boolean max, Object v) {
    if (v == null) {
      return;
    }
    if (max) {
      p.offerMax(v);
    } else {
      p.offerMin(v);
    }
  }

  /**
   * MIN/MAX over a delta's values, per group slot. The per-type kernels stay in the subclasses so
   * each loop runs on its own primitive array without boxing; only the best value of a group is
   * boxed, once, when it is emitted.
   */
  abstract static class DeltaMinMax extends CallAccumulator {
    final boolean max;

    DeltaMinMax(AggFunction f, int column, String name) {
      super(f, column, name);
      this.max = f == AggFunction.MAX;
    }

    /** The best value of the group in {@code slot}, or null when it saw no non-NULL value. */
    abstract Object bestOrNull(int slot);

    @Override
    final void addMain(MainBlockIds ids, int start, int n, int[] sel, int k, int[] slots) {
      throw new IllegalStateException("delta accumulator used on a main");
    }

    @Override
    final void emit(int slot, AggregatePartial p) {
      offer(p, max, bestOrNull(slot));
    }
  }

  static final class DeltaLongMinMax extends DeltaMinMax {
    long[] best = new long[16];

    DeltaLongMinMax(AggFunction f, int column, String name) {
      super(f, column, name);
    }

    @Override
    void growTo(int capacity) {
      best = Arrays.copyOf(best, capacity);
    }

    @Override
    void addDelta(DeltaBlock b, int[] sel, int k, int[] slots) {
      long[] values = b.chunk().longs(column);
      long[] nulls = b.chunk().nulls(column);
      int off = b.off();
      for (int j = 0; j < k; j++) {
        int i = sel[j];
        if (isNull(nulls, off + i)) {
          continue;
        }
        int s = slots[i];
        long v = values[off + i];
        if (counts[s]++ == 0 || (max ? v > best[s] : v < best[s])) {
          best[s] = v;
        }
      }
    }

    @Override
    Object bestOrNull(int slot) {
      return counts[slot] > 0 ? best[slot] : null;
    }
  }

  static final class DeltaDoubleMinMax extends DeltaMinMax {
    double[] best = new double[16];

    DeltaDoubleMinMax(AggFunction f, int column, String name) {
      super(f, column, name);
    }

    @Override
    void growTo(int capacity) {
      best = Arrays.copyOf(best, capacity);
    }

    @Override
    void addDelta(DeltaBlock b, int[] sel, int k, int[] slots) {
      double[] values = b.chunk().doubles(column);
      long[] nulls = b.chunk().nulls(column);
      int off = b.off();
      for (int j = 0; j < k; j++) {
        int i = sel[j];
        if (isNull(nulls, off + i)) {
          continue;
        }
        int s = slots[i];
        double v = values[off + i];
        // Double.compare order (NaN last, -0.0 before 0.0), as the reference compares.
        if (counts[s]++ == 0
            || (max ? Double.compare(v, best[s]) > 0 : Double.compare(v, best[s]) < 0)) {
          best[s] = v;
        }
      }
    }

    @Override
    Object bestOrNull(int slot) {
      return counts[slot] > 0 ? best[slot] : null;
    }
  }

  static final class DeltaStringMinMax extends DeltaMinMax {
    String[] best = new String[16];
    private DeltaDictionary dict;

    DeltaStringMinMax(AggFunction f, int column, String name) {
      super(f, column, name);
    }

    void dictionary(DeltaDictionary d) {
      this.dict = d;
    }

    @Override
    void growTo(int capacity) {
      best = Arrays.copyOf(best, capacity);
    }

    @Override
    void addDelta(DeltaBlock b, int[] sel, int k, int[] slots) {
      int[] ids = b.chunk().ids(column);
      long[] nulls = b.chunk().nulls(column);
      int off = b.off();
      for (int j = 0; j < k; j++) {
        int i = sel[j];
        if (isNull(nulls, off + i)) {
          continue;
        }
        int s = slots[i];
        String v = dict.get(ids[off + i]);
        String cur = best[s];
        if (cur == null || (max ? v.compareTo(cur) > 0 : v.compareTo(cur) < 0)) {
          best[s] = v;
        }
      }
    }

    @Override
    Object bestOrNull(int slot) {
      return best[slot];
    }
  }
}
