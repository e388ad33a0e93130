package io.thermocline.hotstore.bits;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.testkit.TestSeed;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Mask word operations against java.util.BitSet. */
class MasksTest {
  @Test
  void rangeOperationsAgreeWithBitSet(TestInfo info) {
    long seed = TestSeed.resolve(info.getDisplayName());
    Random random = new Random(seed);
    for (int round = 0; round < 500; round++) {
      int bits = 1 + random.nextInt(300);
      long[] src = new long[Masks.words(bits) + 2];
      BitSet ref = new BitSet();
      for (int i = 0; i < bits; i++) {
        if (random.nextInt(3) == 0) {
          src[i >>> 6] |= 1L << i;
          ref.set(i);
        }
      }
      int from = random.nextInt(bits);
      int n = random.nextInt(bits - from + 1);
      String ctx = "[seed=" + seed + "] from " + from + " n " + n;
      assertThat(Masks.anyInRange(src, from, n))
          .as(ctx)
          .isEqualTo(n > 0 && ref.nextSetBit(from) >= 0 && ref.nextSetBit(from) < from + n);
      long[] out = new long[Masks.words(Math.max(1, n)) + 1];
      Masks.copyOut(src, from, out, n);
      for (int i = 0; i < n; i++) {
        assertThat((out[i >>> 6] >>> i & 1) == 1)
            .as(ctx + " copyOut " + i)
            .isEqualTo(ref.get(from + i));
      }
      int[] pos = new int[Math.max(1, n)];
      int k = Masks.positions(out, n, pos);
      assertThat(k).as(ctx).isEqualTo(ref.get(from, from + n).cardinality());
      assertThat(Masks.cardinality(out, n)).isEqualTo(k);
      long[] dst = new long[src.length + 2];
      Masks.orInto(out, n, dst, from);
      long[] cleared = src.clone();
      Masks.clearRange(cleared, from, n);
      for (int i = 0; i < bits; i++) {
        boolean inRange = i >= from && i < from + n;
        assertThat((dst[i >>> 6] >>> i & 1) == 1)
            .as(ctx + " orInto " + i)
            .isEqualTo(inRange && ref.get(i));
        assertThat((cleared[i >>> 6] >>> i & 1) == 1)
            .as(ctx + " clearRange " + i)
            .isEqualTo(!inRange && ref.get(i));
      }
    }
  }

  @Test
  void fillAndFull() {
    long[] m = new long[3];
    Masks.fillOnes(m, 130);
    assertThat(Masks.isFull(m, 130)).isTrue();
    assertThat(Masks.cardinality(m, 130)).isEqualTo(130);
    assertThat(m[2]).isEqualTo(3L);
    Masks.clear(m, 130);
    assertThat(Masks.isEmpty(m, 130)).isTrue();
  }
}
