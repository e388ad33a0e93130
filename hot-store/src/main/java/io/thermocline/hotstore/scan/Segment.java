package io.thermocline.hotstore.scan;

import io.thermocline.hotstore.bits.Masks;

/**
 * One segment of a partition (its main or one delta) as one reader sees it: a fixed row count (read
 * once, so later appends are invisible), the compiled filter and the snapshot. {@link #select}
 * yields a block's selection mask: filter AND visibility. One thread at a time.
 */
public abstract sealed class Segment permits MainSegment, DeltaSegment {
  protected final long snapshot;
  protected final int blockSize;
  private BlockFilter filter;
  private final long[] visible;

  protected Segment(long snapshot, int blockSize) {
    this.snapshot = snapshot;
    this.blockSize = blockSize;
    this.visible = new long[Masks.words(blockSize)];
  }

  /** Called once by the subclass constructor; a constant TRUE filter costs nothing. */
  protected final void setFilter(Pred pred, BlockFilter compiled) {
    this.filter = pred instanceof Pred.Const k && k.all() ? null : compiled;
  }

  public abstract int rows();

  public int blockSize() {
    return blockSize;
  }

  /** Rows of the block at {@code start}. */
  public int blockRows(int start) {
    return Math.min(blockSize, rows() - start);
  }

  /** Fills {@code mask} with the selected rows of the block; returns whether there are any. */
  public boolean select(int start, int n, long[] mask) {
    if (filter == null) {
      return visibility(start, n, mask);
    }
    if (!filter.eval(start, n, mask) || !visibility(start, n, visible)) {
      return false;
    }
    return Masks.and(mask, visible, n);
  }

  /** Whether the segment has a filter other than TRUE. */
  public boolean filtered() {
    return filter != null;
  }

  protected abstract boolean visibility(int start, int n, long[] out);
}
