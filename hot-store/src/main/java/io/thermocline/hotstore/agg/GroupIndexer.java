package io.thermocline.hotstore.agg;

import io.thermocline.hotstore.bits.LongToIdHash;
import java.util.Arrays;

/**
 * Turns the key codes of a row into a group slot (the index into the accumulator arrays). No keys:
 * slot 0. One key: the code itself. Several keys: codes are combined pairwise, left to right, each
 * pair numbered through a dense table when the product of the two cardinality bounds is small (at
 * most {@link #DENSE_LIMIT}), else through a primitive hash; each level remembers its pairs so that
 * a slot can be split back into codes.
 */
abstract class GroupIndexer {
  static final long DENSE_LIMIT = 1L << 20;

  /** Slots of the selected rows ({@code result[sel[k]]}); may return one of the code arrays. */
  abstract int[] slots(int[][] codes, int[] sel, int count);

  /** Slots handed out so far (an upper bound of every slot, plus one). */
  abstract int slotCount();

  /** Splits a slot back into one code per key. */
  abstract void codes(int slot, int[] out);

  static GroupIndexer of(KeyCoder[] coders, int blockSize) {
    if (coders.length == 0) {
      return new NoKeys(blockSize);
    }
    if (coders.length == 1) {
      return new OneKey(coders[0]);
    }
    return new ManyKeys(coders, blockSize);
  }

  private static final class NoKeys extends GroupIndexer {
    private final int[] zeros;

    NoKeys(int blockSize) {
      zeros = new int[blockSize];
    }

    @Override
    int[] slots(int[][] codes, int[] sel, int count) {
      return zeros;
    }

    @Override
    int slotCount() {
      return 1;
    }

    @Override
    void codes(int slot, int[] out) {}
  }

  private static final class OneKey extends GroupIndexer {
    private final KeyCoder coder;

    OneKey(KeyCoder coder) {
      this.coder = coder;
    }

    @Override
    int[] slots(int[][] codes, int[] sel, int count) {
      return codes[0];
    }

    @Override
    int slotCount() {
      return coder.cardinality();
    }

    @Override
    void codes(int slot, int[] out) {
      out[0] = slot;
    }
  }

  private static final class ManyKeys extends GroupIndexer {
    private final PairLevel[] levels;

    ManyKeys(KeyCoder[] coders, int blockSize) {
      levels = new PairLevel[coders.length - 1];
      long leftBound = coders[0].cardinalityBound();
      for (int k = 1; k < coders.length; k++) {
        long rightBound = coders[k].cardinalityBound();
        levels[k - 1] = new PairLevel(leftBound, rightBound, blockSize);
        leftBound =
            leftBound <= DENSE_LIMIT && rightBound <= DENSE_LIMIT
                ? leftBound * rightBound
                : Long.MAX_VALUE;
      }
    }

    @Override
    int[] slots(int[][] codes, int[] sel, int count) {
      int[] cur = codes[0];
      for (int k = 0; k < levels.length; k++) {
        cur = levels[k].map(cur, codes[k + 1], sel, count);
      }
      return cur;
    }

    @Override
    int slotCount() {
      return levels[levels.length - 1].size;
    }

    @Override
    void codes(int slot, int[] out) {
      int s = slot;
      for (int k = levels.length - 1; k >= 0; k--) {
        out[k + 1] = levels[k].right[s];
        s = levels[k].left[s];
      }
      out[0] = s;
    }
  }

  /** Numbers (left, right) code pairs. */
  private static final class PairLevel {
    private final long rightBound;
    private final int[] dense;
    private final LongToIdHash hash;
    private final int[] out;
    int[] left = new int[64];
    int[] right = new int[64];
    int size;

    PairLevel(long leftBound, long rightBound, int blockSize) {
      this.rightBound = rightBound;
      boolean isDense = leftBound <= DENSE_LIMIT && leftBound * rightBound <= DENSE_LIMIT;
      this.dense = isDense ? new int[(int) (leftBound * rightBound)] : null;
      if (dense != null) {
        Arrays.fill(dense, -1);
      }
      this.hash = isDense ? null : new LongToIdHash(1024);
      this.out = new int[blockSize];
    }

    int[] map(int[] l, int[] r, int[] sel, int count) {
      if (dense != null) {
        int rb = (int) rightBound;
        for (int k = 0; k < count; k++) {
          int i = sel[k];
          int a = l[i];
          int b = r[i];
          int key = a * rb + b;
          int s = dense[key];
          if (s < 0) {
            s = add(a, b);
            dense[key] = s;
          }
          out[i] = s;
        }
      } else {
        for (int k = 0; k < count; k++) {
          int i = sel[k];
          int a = l[i];
          int b = r[i];
          int s = hash.idOf(((long) a << 32) | (b & 0xFFFF_FFFFL));
          if (s == size) {
            add(a, b);
          }
          out[i] = s;
        }
      }
      return out;
    }

    private int add(int a, int b) {
      if (size == left.length) {
        left = Arrays.copyOf(left, size * 2);
        right = Arrays.copyOf(right, size * 2);
      }
      left[size] = a;
      right[size] = b;
      return size++;
    }
  }
}
