package io.thermocline.hotstore.agg;

import io.thermocline.common.scan.AggFunction;
import io.thermocline.common.scan.AggregatePartial;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.hotstore.bits.Masks;
import io.thermocline.hotstore.delta.DeltaChunk;
import io.thermocline.hotstore.scan.DeltaSegment;
import io.thermocline.hotstore.scan.MainSegment;
import io.thermocline.hotstore.scan.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aggregates a row range of one segment: per block, the selection mask (filter AND visibility)
 * becomes a list of positions, key codes become group slots, and every call's kernel updates its
 * primitive accumulators; nothing is allocated per row. {@link #emit} hands one partial per group
 * to an {@link AggregateResult}. Single-threaded; one per task and segment.
 */
final class SegmentAggregator {
  private final AggregationPlan plan;
  private final Segment segment;
  private final boolean main;
  private final KeyCoder[] coders;
  private final GroupIndexer indexer;
  private final CallAccumulator[] calls;
  private final long[] mask;
  private final int[] sel;
  private final int[][] codes;
  private long[] rows = new long[16];
  private long countOnly;

  SegmentAggregator(AggregationPlan plan, Segment segment) {
    this.plan = plan;
    this.segment = segment;
    this.main = segment instanceof MainSegment;
    int blockSize = segment.blockSize();
    coders = new KeyCoder[plan.keys.length];
    for (int k = 0; k < coders.length; k++) {
      if (segment instanceof MainSegment m) {
        coders[k] = MainKeyCoders.of(m.ids(), plan.keyColumns[k], plan.keys[k], blockSize);
      } else {
        DeltaSegment d = (DeltaSegment) segment;
        coders[k] =
            DeltaKeyCoders.of(d.delta(), d.rows(), plan.keyColumns[k], plan.keys[k], blockSize);
      }
    }
    indexer = GroupIndexer.of(coders, blockSize);
    calls = new CallAccumulator[plan.functions.length];
    for (int c = 0; c < calls.length; c++) {
      if (plan.functions[c] != AggFunction.COUNT_STAR) {
        calls[c] =
            CallAccumulator.create(
                plan.functions[c],
                plan.callColumns[c],
                plan.callStorage[c],
                plan.spec.calls().get(c).column(),
                main);
        if (calls[c] instanceof CallAccumulator.DeltaStringMinMax s) {
          s.dictionary(((DeltaSegment) segment).delta().dictionary(plan.callColumns[c]));
        }
      }
    }
    mask = new long[Masks.words(blockSize)];
    sel = new int[blockSize];
    codes = new int[coders.length][];
  }

  /** Aggregates rows {@code [from, to)}; {@code from} is a multiple of the block size. */
  void run(int from, int to) {
    boolean onlyCount = plan.countOnly();
    for (int start = from; start < to; start += segment.blockSize()) {
      int n = Math.min(segment.blockSize(), to - start);
      if (!segment.select(start, n, mask)) {
        continue;
      }
      if (onlyCount) {
        countOnly += Masks.cardinality(mask, n);
        continue;
      }
      int k = Masks.positions(mask, n, sel);
      block(start, n, k);
    }
  }

  private void block(int start, int n, int k) {
    for (int c = 0; c < coders.length; c++) {
      codes[c] = coders[c].codes(start, n, sel, k);
    }
    int[] slots = indexer.slots(codes, sel, k);
    int slotCount = indexer.slotCount();
    if (slotCount > rows.length) {
      rows = Arrays.copyOf(rows, Math.max(slotCount, rows.length * 2));
    }
    for (CallAccumulator a : calls) {
      if (a != null) {
        a.grow(slotCount);
      }
    }
    if (coders.length == 0) {
      rows[0] += k;
    } else {
      for (int j = 0; j < k; j++) {
        rows[slots[sel[j]]]++;
      }
    }
    if (main) {
      MainSegment m = (MainSegment) segment;
      for (CallAccumulator a : calls) {
        if (a != null) {
          a.addMain(m.ids(), start, n, sel, k, slots);
        }
      }
    } else {
      DeltaSegment d = (DeltaSegment) segment;
      DeltaChunk chunk = null;
      for (int c = 0; c < calls.length; c++) {
        if (calls[c] != null) {
          // A decoding view fills only the columns asked for; every call's column must be ready.
          chunk = d.delta().chunk(start / DeltaChunk.ROWS, plan.callColumns[c]);
        }
      }
      if (chunk == null) {
        return;
      }
      CallAccumulator.DeltaBlock b = new CallAccumulator.DeltaBlock(chunk, start % DeltaChunk.ROWS);
      for (CallAccumulator a : calls) {
        if (a != null) {
          a.addDelta(b, sel, k, slots);
        }
      }
    }
  }

  /** Adds this segment's groups to {@code result}. */
  void emit(AggregateResult result) {
    if (plan.countOnly()) {
      if (countOnly > 0) {
        for (AggregatePartial p : result.group(List.of())) {
          p.addCount(countOnly);
        }
      }
      return;
    }
    int[] keyCodes = new int[coders.length];
    int slots = Math.min(indexer.slotCount(), rows.length);
    for (int s = 0; s < slots; s++) {
      if (rows[s] == 0) {
        continue;
      }
      indexer.codes(s, keyCodes);
      List<Object> key = new ArrayList<>(coders.length);
      for (int c = 0; c < coders.length; c++) {
        key.add(coders[c].decode(keyCodes[c]));
      }
      AggregatePartial[] partials = result.group(key);
      for (int c = 0; c < calls.length; c++) {
        if (calls[c] == null) {
          partials[c].addCount(rows[s]);
        } else {
          calls[c].emit(s, partials[c]);
        }
      }
    }
  }
}
