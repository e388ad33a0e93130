package io.thermocline.hotstore.bits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.testkit.TestSeed;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class BitPackedIntsTest {
  @Test
  void everyWidthRoundTrips(TestInfo info) {
    long seed = TestSeed.resolve(info.getDisplayName());
    Random random = new Random(seed);
    for (int width = 0; width <= 64; width++) {
      int n = 1 + random.nextInt(700);
      long mask = width == 64 ? -1L : (1L << width) - 1;
      long[] values = new long[n];
      for (int i = 0; i < n; i++) {
        values[i] =
            switch (random.nextInt(4)) {
              case 0 -> mask;
              case 1 -> 0;
              default -> random.nextLong() & mask;
            };
      }
      BitPackedInts.Writer w = BitPackedInts.writer(width, n);
      for (long v : values) {
        w.add(v);
      }
      BitPackedInts packed = w.finish();
      String ctx = "[seed=" + seed + "] width " + width;
      assertThat(packed.width()).isEqualTo(width);
      for (int i = 0; i < n; i++) {
        assertThat(packed.get(i)).as(ctx + " get " + i).isEqualTo(values[i]);
      }
      int start = random.nextInt(n);
      int len = n - start;
      long[] longs = new long[len];
      packed.unpackLongs(start, len, longs);
      for (int i = 0; i < len; i++) {
        assertThat(longs[i]).as(ctx + " unpackLongs " + (start + i)).isEqualTo(values[start + i]);
      }
      if (width <= 31) {
        int[] ints = new int[len];
        packed.unpackInts(start, len, ints);
        for (int i = 0; i < len; i++) {
          assertThat((long) ints[i]).as(ctx + " unpackInts").isEqualTo(values[start + i]);
        }
        int lo = (int) (random.nextLong() & mask);
        int room = (int) Math.max(0, Math.min(Integer.MAX_VALUE - 1L - lo, mask + 1));
        int hi = lo + random.nextInt(room + 1);
        long[] bits = new long[(len + 63) / 64];
        boolean any = packed.rangeMask(start, len, lo, hi, bits);
        boolean anyWant = false;
        for (int i = 0; i < len; i++) {
          boolean want = values[start + i] >= lo && values[start + i] < hi;
          anyWant |= want;
          assertThat((bits[i >>> 6] >>> i & 1) == 1)
              .as(ctx + " rangeMask [" + lo + ", " + hi + ") at " + (start + i))
              .isEqualTo(want);
        }
        assertThat(any).isEqualTo(anyWant);
        int[] asInts = new int[n];
        for (int i = 0; i < n; i++) {
          asInts[i] = (int) values[i];
        }
        BitPackedInts.Writer bulk = BitPackedInts.writer(width, n);
        int split = random.nextInt(n + 1);
        bulk.addInts(asInts, split);
        int[] rest = java.util.Arrays.copyOfRange(asInts, split, n);
        bulk.addInts(rest, rest.length);
        BitPackedInts b = bulk.finish();
        int prefix = random.nextInt(n + 1);
        BitPackedInts.Writer copy = BitPackedInts.writer(width, n);
        copy.copyPrefix(b, prefix);
        for (int i = prefix; i < n; i++) {
          copy.add(values[i]);
        }
        BitPackedInts c = copy.finish();
        for (int i = 0; i < n; i++) {
          assertThat(b.get(i)).as(ctx + " addInts " + i).isEqualTo(values[i]);
          assertThat(c.get(i)).as(ctx + " copyPrefix " + prefix + " at " + i).isEqualTo(values[i]);
        }
      }
    }
  }

  @Test
  void widthZeroCostsNoWordsPerValue() {
    BitPackedInts z = BitPackedInts.zeros(1_000_000);
    assertThat(z.bytes()).isLessThan(64);
    assertThat(z.get(999_999)).isZero();
    assertThat(BitPackedInts.bitsFor(0)).isZero();
    assertThat(BitPackedInts.bitsFor(1)).isEqualTo(1);
    assertThat(BitPackedInts.bitsFor(255)).isEqualTo(8);
    assertThat(BitPackedInts.bitsFor(256)).isEqualTo(9);
    assertThat(BitPackedInts.bitsFor(-1)).isEqualTo(64);
  }

  @Test
  void valuesWiderThanTheWidthAreABug() {
    BitPackedInts.Writer w = BitPackedInts.writer(3, 4);
    assertThatThrownBy(() -> w.add(8)).hasMessageContaining("3 bits");
    assertThatThrownBy(() -> w.addInts(new int[] {9}, 1)).hasMessageContaining("3 bits");
    w.add(7);
    assertThatThrownBy(w::finish).hasMessageContaining("1 of 4");
  }
}
