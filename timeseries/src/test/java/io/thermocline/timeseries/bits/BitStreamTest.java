package io.thermocline.timeseries.bits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.timeseries.TestSeeds;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitStreamTest {
  private final long seed = TestSeeds.resolve("BitStreamTest");

  @Test
  void fieldsOfEveryWidthRoundTrip() {
    Random rnd = new Random(seed);
    int n = 20_000;
    long[] values = new long[n];
    int[] widths = new int[n];
    BitWriter out = new BitWriter(8);
    for (int i = 0; i < n; i++) {
      widths[i] = rnd.nextInt(65);
      values[i] = widths[i] == 64 ? rnd.nextLong() : rnd.nextLong() & ~(-1L << widths[i]);
      out.writeBits(values[i] | (widths[i] == 64 ? 0 : -1L << widths[i]), widths[i]);
    }
    BitReader in = new BitReader(out.toByteArray());
    for (int i = 0; i < n; i++) {
      long p = in.position();
      if (widths[i] > 0) {
        assertThat(in.peekAt(p) >>> (64 - widths[i]))
            .as("peek field %d, seed %d", i, seed)
            .isEqualTo(values[i]);
      }
      assertThat(in.readBits(widths[i])).as("field %d, seed %d", i, seed).isEqualTo(values[i]);
    }
    assertThat(in.remaining()).isLessThan(8);
  }

  @Test
  void packedRunsMatchSingleFields() {
    Random rnd = new Random(seed);
    for (int width = 0; width <= 64; width++) {
      long[] src = new long[131];
      for (int i = 0; i < src.length; i++) {
        src[i] = rnd.nextLong();
      }
      BitWriter packed = new BitWriter();
      packed.writeBits(5, 3); // misalign the run
      packed.writePacked(src, 1, 129, width);
      BitReader in = new BitReader(packed.toByteArray());
      assertThat(in.readBits(3)).isEqualTo(5);
      long[] dst = new long[131];
      in.readPacked(dst, 2, 129, width);
      long mask = width == 64 ? -1L : ~(-1L << width);
      for (int i = 0; i < 129; i++) {
        assertThat(dst[2 + i]).as("width %d value %d", width, i).isEqualTo(src[1 + i] & mask);
      }
    }
  }

  @Test
  void appendConcatenatesAndResetForgets() {
    BitWriter a = new BitWriter();
    a.writeBits(0b101, 3);
    BitWriter b = new BitWriter();
    for (int i = 0; i < 100; i++) {
      b.writeBits(i, 7);
    }
    a.append(b);
    BitReader in = new BitReader(a.toByteArray());
    assertThat(in.readBits(3)).isEqualTo(0b101);
    for (int i = 0; i < 100; i++) {
      assertThat(in.readBits(7)).isEqualTo(i);
    }
    b.reset();
    b.writeBits(1, 1);
    assertThat(b.toByteArray()).containsExactly((byte) 0x80);
  }

  @Test
  void readingPastTheEndThrows() {
    BitWriter w = new BitWriter();
    w.writeBits(0x3FF, 10);
    byte[] bytes = w.toByteArray();
    BitReader in = new BitReader(bytes);
    in.readBits(10);
    in.readBits(6); // padding of the last byte is still inside the stream
    assertThatThrownBy(in::readBit).isInstanceOf(BitStreamException.class);
    assertThatThrownBy(() -> new BitReader(bytes).readBits(17))
        .isInstanceOf(BitStreamException.class)
        .hasMessageContaining("17 bits");
    assertThatThrownBy(() -> new BitReader(bytes).readPacked(new long[3], 0, 3, 6))
        .isInstanceOf(BitStreamException.class);
    BitReader peeking = new BitReader(bytes);
    assertThat(peeking.peekAt(1000)).isZero();
    assertThatThrownBy(() -> peeking.seek(17)).isInstanceOf(BitStreamException.class);
    peeking.seek(16);
    assertThat(peeking.remaining()).isZero();
  }

  @Test
  void readsASliceOfALargerArray() {
    byte[] buf = {(byte) 0xFF, (byte) 0xA5, 0x0F, (byte) 0xFF};
    BitReader in = new BitReader(buf, 1, 2);
    assertThat(in.readBits(16)).isEqualTo(0xA50F);
    assertThat(in.remaining()).isZero();
  }
}
