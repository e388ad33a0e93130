package io.thermocline.timeseries.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.timeseries.TestSeeds;
import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitStreamException;
import io.thermocline.timeseries.bits.BitWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalHuffmanCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return SeasonalHuffmanCodec.INSTANCE;
  }

  private final long seed = TestSeeds.resolve("SeasonalHuffmanCodecTest.extra");

  @Test
  void everyLagAndOrderRoundTripsIncludingLagsLongerThanTheBlock() {
    Random rnd = new Random(seed);
    for (int n : new int[] {1, 2, 5, 24, 25, 300}) {
      long[] values = new long[n];
      for (int i = 0; i < n; i++) {
        values[i] = rnd.nextInt(3) == 0 ? rnd.nextLong() : rnd.nextInt(50) - 25;
      }
      for (int lag : new int[] {1, 2, 7, 24, 299, 300, SeasonalHuffmanCodec.MAX_LAG}) {
        for (int order = 0; order <= 1; order++) {
          BitWriter out = new BitWriter();
          SeasonalHuffmanCodec.INSTANCE.encode(values, 0, n, lag, order, out);
          long[] back = new long[n];
          SeasonalHuffmanCodec.INSTANCE.decode(new BitReader(out.toByteArray()), n, back, 0);
          assertThat(back)
              .as("seed %d n %d lag %d order %d", seed, n, lag, order)
              .isEqualTo(values);
        }
      }
    }
  }

  @Test
  void dailyRhythmInHourlyDataIsCodedAtLag24() {
    Random rnd = new Random(seed);
    int n = 8192;
    long[] tenths = new long[n];
    for (int i = 0; i < n; i++) {
      // A daily curve in tenths of a degree that drifts slowly, plus rare one-tenth noise.
      double day = 60 * Math.sin(2 * Math.PI * (i % 24) / 24.0);
      tenths[i] = Math.round(day + i / 200.0) + (rnd.nextInt(20) == 0 ? 1 : 0);
    }
    BitWriter seasonal = new BitWriter();
    SeasonalHuffmanCodec.INSTANCE.encode(tenths, 0, n, seasonal);
    assertThat(new BitReader(seasonal.toByteArray()).readBits(16))
        .as("seed %d", seed)
        .isEqualTo(24);
    BitWriter deltas = new BitWriter();
    HuffmanCodec.DELTAS.encode(tenths, 0, n, deltas);
    assertThat(seasonal.bitLength()).as("seed %d", seed).isLessThan(deltas.bitLength() / 2);
  }

  @Test
  void lagZeroIsRefused() {
    BitWriter out = new BitWriter();
    out.writeBits(0, 16);
    out.writeBits(0, 1);
    out.writeBits(0, 64);
    assertThatThrownBy(
            () ->
                SeasonalHuffmanCodec.INSTANCE.decode(
                    new BitReader(out.toByteArray()), 3, new long[3], 0))
        .isInstanceOf(BitStreamException.class)
        .hasMessageContaining("lag");
    assertThatThrownBy(
            () -> SeasonalHuffmanCodec.INSTANCE.encode(new long[3], 0, 3, 0, 1, new BitWriter()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
