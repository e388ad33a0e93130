package io.thermocline.hotstore.agg;

import io.thermocline.common.scan.AggregateResult;
import io.thermocline.hotstore.bits.Masks;
import io.thermocline.hotstore.bits.WorkerPool;
import io.thermocline.hotstore.scan.Pred;
import io.thermocline.hotstore.scan.ReadView;
import io.thermocline.hotstore.scan.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs an aggregate over a {@link ReadView}: the main's blocks are split into {@code parallelism}
 * contiguous ranges, each aggregated on its own thread with its own segments and accumulators (task
 * 0 also takes the deltas), and the partial results are merged. Stateless.
 */
public final class PartitionAggregation {
  /** Blocks per stripe: the unit of work handed round-robin to the tasks of one aggregate. */
  private static final int STRIPE_BLOCKS = 16;

  private PartitionAggregation() {}

  public static AggregateResult run(
      ReadView view,
      AggregationPlan plan,
      Pred pred,
      long snapshot,
      int blockSize,
      int parallelism) {
    int mainRows = view.main().rowCount();
    int stripeRows = STRIPE_BLOCKS * blockSize;
    int stripes = (mainRows + stripeRows - 1) / stripeRows;
    int parts = Math.max(1, Math.min(parallelism, stripes));
    List<Callable<AggregateResult>> tasks = new ArrayList<>(parts);
    for (int t = 0; t < parts; t++) {
      int first = t;
      tasks.add(() -> part(view, plan, pred, snapshot, blockSize, first, parts, stripeRows));
    }
    List<AggregateResult> results = WorkerPool.runAll(tasks);
    AggregateResult out = results.get(0);
    for (int i = 1; i < results.size(); i++) {
      out.merge(results.get(i));
    }
    return out;
  }

  /**
   * Task {@code first} of {@code parts} takes every {@code parts}-th stripe of the main, so a
   * selective filter (a time window skipping most zones) still spreads over all tasks; task 0 also
   * takes the deltas.
   */
  private static AggregateResult part(
      ReadView view,
      AggregationPlan plan,
      Pred pred,
      long snapshot,
      int blockSize,
      int first,
      int parts,
      int stripeRows) {
    AggregateResult result = new AggregateResult(plan.spec());
    List<Segment> segments = view.segments(pred, snapshot, blockSize);
    for (int s = 0; s < segments.size(); s++) {
      if (s > 0 && first != 0) {
        break;
      }
      Segment seg = segments.get(s);
      SegmentAggregator agg = new SegmentAggregator(plan, seg);
      if (s == 0) {
        for (long from = (long) first * stripeRows;
            from < seg.rows();
            from += (long) parts * stripeRows) {
          agg.run((int) from, (int) Math.min(seg.rows(), from + stripeRows));
        }
      } else {
        agg.run(0, seg.rows());
      }
      agg.emit(result);
    }
    return result;
  }

  /** Rows visible at {@code snapshot} that pass {@code pred}, without building any group. */
  public static long count(ReadView view, Pred pred, long snapshot, int blockSize) {
    long n = 0;
    long[] mask = new long[(blockSize + 63) / 64];
    for (Segment seg : view.segments(pred, snapshot, blockSize)) {
      for (int start = 0; start < seg.rows(); start += blockSize) {
        int rows = seg.blockRows(start);
        if (seg.select(start, rows, mask)) {
          n += Masks.cardinality(mask, rows);
        }
      }
    }
    return n;
  }
}
