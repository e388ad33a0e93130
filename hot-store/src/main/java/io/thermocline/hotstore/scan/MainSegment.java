package io.thermocline.hotstore.scan;

import io.thermocline.hotstore.main.MainStore;

/** The main as one reader sees it, with the filter compiled into value-id space. */
public final class MainSegment extends Segment {
  private final MainStore main;
  private final MainBlockIds ids;
  private final long[] scratch;

  public MainSegment(MainStore main, Pred pred, long snapshot, int blockSize) {
    super(snapshot, blockSize);
    this.main = main;
    this.ids = new MainBlockIds(main, blockSize);
    this.scratch = new long[blockSize];
    setFilter(pred, pred instanceof Pred.Const k && k.all() ? null : build(pred));
  }

  private BlockFilter build(Pred pred) {
    return new MainFilterBuilder(ids, blockSize).build(pred);
  }

  public MainStore main() {
    return main;
  }

  public MainBlockIds ids() {
    return ids;
  }

  @Override
  public int rows() {
    return main.rowCount();
  }

  @Override
  protected boolean visibility(int start, int n, long[] out) {
    return main.versions().visibility(start, n, snapshot, out, scratch);
  }
}
