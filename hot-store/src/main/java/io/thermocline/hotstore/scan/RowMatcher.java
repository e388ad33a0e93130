package io.thermocline.hotstore.scan;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.bits.Masks;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the rows a delete or a row move ends: visible at the snapshot, passing the filter, at most
 * {@code maxRows}. A matching row that a later commit already ended is a write-write conflict
 * ({@link ErrorCode#SERIALIZATION_FAILURE}); one already ended by the same commit id is skipped.
 * Nothing is stamped here, so a conflict leaves the partition unchanged. Stateless.
 */
public final class RowMatcher {
  private RowMatcher() {}

  /**
   * Matches per segment ({@code rows[0]} the main, {@code rows[i]} the delta {@code i - 1}), their
   * total, and (when asked) the matched rows as one batch, all columns, plain strings.
   */
  public record Matches(int[][] rows, int[] counts, long total, ColumnBatch batch) {}

  public static Matches find(
      ReadView view,
      Schema schema,
      Pred pred,
      long snapshot,
      long cid,
      int maxRows,
      boolean returning,
      int blockSize,
      String partition) {
    List<Segment> segments = view.segments(pred, snapshot, blockSize);
    int[][] rows = new int[segments.size()][];
    int[] counts = new int[segments.size()];
    long[] mask = new long[Masks.words(blockSize)];
    int[] pos = new int[blockSize];
    int[] keep = new int[blockSize];
    int[] all = new int[schema.size()];
    for (int c = 0; c < all.length; c++) {
      all[c] = c;
    }
    BatchAssembler out = returning ? new BatchAssembler(schema, all, 1024, true) : null;
    long total = 0;
    for (int s = 0; s < segments.size() && total < maxRows; s++) {
      Segment seg = segments.get(s);
      rows[s] = new int[16];
      for (int start = 0; start < seg.rows() && total < maxRows; start += blockSize) {
        int n = seg.blockRows(start);
        if (!seg.select(start, n, mask)) {
          continue;
        }
        int k = Masks.positions(mask, n, pos);
        int kept = 0;
        for (int j = 0; j < k && total + kept < maxRows; j++) {
          int row = start + pos[j];
          long end = s == 0 ? view.main().versions().end(row) : view.deltas().get(s - 1).end(row);
          if (end == cid) {
            continue;
          }
          if (end != Long.MAX_VALUE) {
            throw new ThermoException(
                ErrorCode.SERIALIZATION_FAILURE,
                "a row of partition "
                    + partition
                    + " visible at snapshot "
                    + snapshot
                    + " was already ended by commit "
                    + end
                    + "; retry the transaction");
          }
          keep[kept++] = pos[j];
        }
        if (kept == 0) {
          continue;
        }
        if (counts[s] + kept > rows[s].length) {
          rows[s] = Arrays.copyOf(rows[s], Math.max(rows[s].length * 2, counts[s] + kept));
        }
        for (int j = 0; j < kept; j++) {
          rows[s][counts[s]++] = start + keep[j];
        }
        total += kept;
        if (out != null) {
          out.ensureRoom(kept);
          if (seg instanceof MainSegment m) {
            out.appendMain(m.ids(), start, n, keep, 0, kept);
          } else {
            out.appendDelta(((DeltaSegment) seg).delta(), start, keep, 0, kept);
          }
        }
      }
    }
    for (int s = 0; s < rows.length; s++) {
      if (rows[s] == null) {
        rows[s] = new int[0];
      }
    }
    return new Matches(rows, counts, total, out == null ? null : out.build());
  }
}
