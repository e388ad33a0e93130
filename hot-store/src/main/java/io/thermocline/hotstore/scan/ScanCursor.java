package io.thermocline.hotstore.scan;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.bits.Masks;
import java.util.List;

/**
 * Pulls batches of a scan: segment by segment, block by block, selects rows (filter AND visibility)
 * and assembles up to {@code batchSize} of them per batch. Lazily evaluated: a consumer that stops
 * early never pays for the rest. Holds only the {@link ReadView} it was given, so concurrent merges
 * and appends do not disturb it. Single consumer thread.
 */
public final class ScanCursor implements BatchCursor {
  private static final int MAX_BATCH = 1 << 16;
  private final List<Segment> segments;
  private final BatchAssembler out;
  private final long[] mask;
  private final int[] pos;
  private int segment;
  private int blockStart;
  private int blockRows;
  private int posFrom;
  private int posCount;
  private boolean closed;

  public ScanCursor(
      ReadView view,
      Schema schema,
      int[] columns,
      Pred pred,
      long snapshot,
      int blockSize,
      int batchSize) {
    this.segments = view.segments(pred, snapshot, blockSize);
    // The request's size is a preference; a huge one must not allocate huge arrays up front.
    this.out = new BatchAssembler(schema, columns, Math.min(batchSize, MAX_BATCH), false);
    this.mask = new long[Masks.words(blockSize)];
    this.pos = new int[blockSize];
  }

  @Override
  public ColumnBatch next() {
    if (closed) {
      return null;
    }
    while (segment < segments.size()) {
      Segment seg = segments.get(segment);
      if (posFrom < posCount) {
        int take = Math.min(out.room(), posCount - posFrom);
        if (seg instanceof MainSegment m) {
          out.appendMain(m.ids(), blockStart, blockRows, pos, posFrom, posFrom + take);
        } else {
          out.appendDelta(((DeltaSegment) seg).delta(), blockStart, pos, posFrom, posFrom + take);
        }
        posFrom += take;
        if (out.room() == 0) {
          return out.build();
        }
        continue;
      }
      if (blockRows > 0) {
        blockStart += blockRows;
      }
      if (blockStart >= seg.rows()) {
        segment++;
        blockStart = 0;
        blockRows = 0;
        if (out.size() > 0) {
          return out.build();
        }
        continue;
      }
      blockRows = seg.blockRows(blockStart);
      posFrom = 0;
      posCount =
          seg.select(blockStart, blockRows, mask) ? Masks.positions(mask, blockRows, pos) : 0;
    }
    return null;
  }

  @Override
  public void close() {
    closed = true;
  }
}
