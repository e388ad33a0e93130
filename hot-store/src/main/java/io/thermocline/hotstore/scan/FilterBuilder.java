package io.thermocline.hotstore.scan;

import io.thermocline.common.expr.ExprEvaluator;
import io.thermocline.hotstore.bits.Masks;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link Pred} into a {@link BlockFilter} for one segment. The tree (constants, AND, OR)
 * and the row-at-a-time fallback are the same for every segment kind and live here; a subclass
 * compiles the leaves its storage can test on primitive arrays (value ids on a main, raw values on
 * a delta) and says how to read one stored value. Compiling runs once per scan and segment, never
 * per row. Used by one thread.
 */
abstract class FilterBuilder {
  final int blockSize;

  FilterBuilder(int blockSize) {
    this.blockSize = blockSize;
  }

  public final BlockFilter build(Pred p) {
    if (p instanceof Pred.Const k) {
      return BlockFilter.constant(k.all());
    }
    if (p instanceof Pred.All a) {
      return BlockFilter.all(buildAll(a.terms()), blockSize);
    }
    if (p instanceof Pred.Any a) {
      return BlockFilter.any(buildAll(a.terms()), blockSize);
    }
    if (p instanceof Pred.RowTest t) {
      return new RowTestLeaf(t);
    }
    return leaf(p);
  }

  private List<BlockFilter> buildAll(List<Pred> terms) {
    List<BlockFilter> ts = new ArrayList<>(terms.size());
    for (Pred t : terms) {
      ts.add(build(t));
    }
    return ts;
  }

  /** Compiles a leaf: a NULL test, key ranges or set, string range or set. */
  abstract BlockFilter leaf(Pred p);

  /** How many columns a row of the segment has. */
  abstract int columnCount();

  /** The storage value of {@code column} at {@code row} of the segment (boxed; not for kernels). */
  abstract Object value(int column, int row);

  /**
   * An expression no leaf can test on arrays, evaluated row by row on boxed values: the slow path,
   * kept for the few expressions push-down cannot compile.
   */
  private final class RowTestLeaf extends BlockFilter {
    private final Pred.RowTest test;
    private final Object[] row;

    RowTestLeaf(Pred.RowTest test) {
      this.test = test;
      this.row = new Object[columnCount()];
    }

    @Override
    public boolean eval(int start, int n, long[] out) {
      Boolean want = !test.wantFalse();
      Masks.clear(out, n);
      boolean any = false;
      for (int i = 0; i < n; i++) {
        for (int c : test.columns()) {
          row[c] = value(c, start + i);
        }
        if (want.equals(ExprEvaluator.evaluate(test.expr(), row))) {
          out[i >>> 6] |= 1L << i;
          any = true;
        }
      }
      return any;
    }
  }
}
