package io.thermocline.hotstore.scan;

import io.thermocline.hotstore.delta.DeltaStore;

/** One delta as one reader sees it: the rows appended before the reader came. */
public final class DeltaSegment extends Segment {
  private final DeltaStore delta;
  private final int rows;

  /** {@code rows} must have been read from {@link DeltaStore#rowCount()} before this call. */
  public DeltaSegment(DeltaStore delta, int rows, Pred pred, long snapshot, int blockSize) {
    super(snapshot, blockSize);
    this.delta = delta;
    this.rows = rows;
    setFilter(
        pred,
        pred instanceof Pred.Const k && k.all()
            ? null
            : new DeltaFilterBuilder(delta, blockSize).build(pred));
  }

  public DeltaStore delta() {
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
