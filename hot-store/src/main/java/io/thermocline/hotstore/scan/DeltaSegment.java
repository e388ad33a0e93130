package io.thermocline.hotstore.scan;

import io.thermocline.hotstore.delta.ChunkedRows;

/**
 * One delta as one reader sees it: the rows appended before the reader came. Also the segment of an
 * encoded series main, whose decoding view has the same chunked layout as a delta.
 */
public final class DeltaSegment extends Segment {
  private final ChunkedRows delta;
  private final int rows;

  /** {@code rows} must have been read from the delta's row count before this call. */
  public DeltaSegment(ChunkedRows delta, int rows, Pred pred, long snapshot, int blockSize) {
    super(snapshot, blockSize);
    this.delta = delta;
    this.rows = rows;
    setFilter(
        pred,
        pred instanceof Pred.Const k && k.all()
            ? null
            : new DeltaFilterBuilder(delta, blockSize).build(pred));
  }

  public ChunkedRows delta() {
    return delta;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  protected boolean visibility(int start, int n, long[] out) {
    return delta.visibility(start, n, snapshot, out);
  }
}
