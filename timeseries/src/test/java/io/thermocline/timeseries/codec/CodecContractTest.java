package io.thermocline.timeseries.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.timeseries.TestSeeds;
import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitStreamException;
import io.thermocline.timeseries.bits.BitWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every codec meets, run once per codec by a three-line subclass: bit-identical round
 * trips on adversarial and seeded random input, from and into array offsets, back to back in one
 * stream, and a stream cut short throws instead of decoding wrong values. A long codec also gets
 * the raw bits of every double input.
 */
abstract class CodecContractTest {
  private static final long SENTINEL = 0x5EA5EA5EA5EA5EA5L;

  /** The codec under test. */
  protected abstract Codec codec();

  private final long seed = TestSeeds.resolve(getClass().getSimpleName());

  @TestFactory
  Stream<DynamicTest> adversarialRoundTrips() {
    Random rnd = new Random(seed);
    if (codec() instanceof DoubleCodec) {
      return CodecDatasets.doubles(rnd).entrySet().stream()
          .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> roundTrip(e.getKey(), e.getValue())));
    }
    return CodecDatasets.longs(rnd).entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> roundTrip(e.getKey(), e.getValue())));
  }

  @Test
  void seededRandomRoundTrips() {
    Random rnd = new Random(seed);
    int rounds = TestSeeds.longMode() ? 20_000 : 400;
    for (int round = 0; round < rounds; round++) {
      int n = rnd.nextInt(4) == 0 ? rnd.nextInt(4) : rnd.nextInt(600);
      if (codec() instanceof DoubleCodec) {
        roundTrip("random round " + round, CodecDatasets.randomDoubles(rnd, n));
      } else {
        roundTrip("random round " + round, CodecDatasets.randomLongs(rnd, n));
      }
    }
  }

  @Test
  void streamsWrittenBackToBackDecodeInOrder() {
    Random rnd = new Random(seed);
    Map<String, ?> sets =
        codec() instanceof DoubleCodec ? CodecDatasets.doubles(rnd) : CodecDatasets.longs(rnd);
    Object[] inputs = sets.values().stream().filter(this::accepts).toArray();
    BitWriter out = new BitWriter();
    for (Object input : inputs) {
      encode(input, 0, length(input), out);
    }
    BitReader in = new BitReader(out.toByteArray());
    for (Object input : inputs) {
      assertBitIdentical("back to back", input, decode(in, length(input)));
    }
    assertThat(in.remaining()).as("seed %d", seed).isLessThan(8);
  }

  @Test
  void streamCutShortThrows() {
    Random rnd = new Random(seed);
    Map<String, ?> sets =
        codec() instanceof DoubleCodec ? CodecDatasets.doubles(rnd) : CodecDatasets.longs(rnd);
    for (Map.Entry<String, ?> e : sets.entrySet()) {
      Object input = e.getValue();
      if (length(input) == 0 || !accepts(input)) {
        continue;
      }
      BitWriter out = new BitWriter();
      encode(input, 0, length(input), out);
      byte[] bytes = out.toByteArray();
      byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
      assertThatThrownBy(() -> decode(new BitReader(cut), length(input)))
          .as("%s cut to %d of %d bytes, seed %d", e.getKey(), cut.length, bytes.length, seed)
          .isInstanceOf(BitStreamException.class);
    }
  }

  private void roundTrip(String name, Object input) {
    if (!accepts(input)) {
      assertThatThrownBy(() -> encode(input, 0, length(input), new BitWriter()))
          .as("%s: a codec that declines input must refuse to encode it", name)
          .isInstanceOf(IllegalArgumentException.class);
      return;
    }
    int n = length(input);
    // Encode from an offset inside a larger array and decode into an offset between sentinels.
    Object padded = padded(input, 3);
    BitWriter out = new BitWriter(16);
    encode(padded, 3, n, out);
    BitReader in = new BitReader(out.toByteArray());
    Object decoded = decodeBetweenSentinels(in, n, 5);
    assertThat(in.remaining())
        .as("%s: decoding must consume what encoding wrote (seed %d)", name, seed)
        .isLessThan(8);
    assertBitIdentical(name, input, decoded);
    assertThat(minimumBits(padded, 3, n))
        .as("%s: the lower bound may not exceed the real size (seed %d)", name, seed)
        .isLessThanOrEqualTo(out.bitLength());
  }

  private long minimumBits(Object values, int from, int count) {
    if (codec() instanceof DoubleCodec) {
      return ((DoubleCodec) codec()).minimumBits((double[]) values, from, count);
    }
    return ((LongCodec) codec()).minimumBits((long[]) values, from, count);
  }

  private boolean accepts(Object input) {
    if (codec() instanceof LongCodec) {
      long[] v = (long[]) input;
      return ((LongCodec) codec()).canEncode(v, 0, v.length);
    }
    return true;
  }

  private void encode(Object values, int from, int count, BitWriter out) {
    if (codec() instanceof DoubleCodec) {
      ((DoubleCodec) codec()).encode((double[]) values, from, count, out);
    } else {
      ((LongCodec) codec()).encode((long[]) values, from, count, out);
    }
  }

  private Object decode(BitReader in, int count) {
    if (codec() instanceof DoubleCodec) {
      double[] dst = new double[count];
      ((DoubleCodec) codec()).decode(in, count, dst, 0);
      return dst;
    }
    long[] dst = new long[count];
    ((LongCodec) codec()).decode(in, count, dst, 0);
    return dst;
  }

  private Object decodeBetweenSentinels(BitReader in, int count, int offset) {
    if (codec() instanceof DoubleCodec) {
      double[] dst = new double[count + 2 * offset];
      Arrays.fill(dst, Double.longBitsToDouble(SENTINEL));
      ((DoubleCodec) codec()).decode(in, count, dst, offset);
      for (int i = 0; i < offset; i++) {
        assertThat(Double.doubleToRawLongBits(dst[i])).isEqualTo(SENTINEL);
        assertThat(Double.doubleToRawLongBits(dst[count + offset + i])).isEqualTo(SENTINEL);
      }
      return Arrays.copyOfRange(dst, offset, offset + count);
    }
    long[] dst = new long[count + 2 * offset];
    Arrays.fill(dst, SENTINEL);
    ((LongCodec) codec()).decode(in, count, dst, offset);
    for (int i = 0; i < offset; i++) {
      assertThat(dst[i]).isEqualTo(SENTINEL);
      assertThat(dst[count + offset + i]).isEqualTo(SENTINEL);
    }
    return Arrays.copyOfRange(dst, offset, offset + count);
  }

  private static Object padded(Object input, int offset) {
    if (input instanceof double[]) {
      double[] v = (double[]) input;
      double[] p = new double[v.length + 2 * offset];
      Arrays.fill(p, 7.25);
      System.arraycopy(v, 0, p, offset, v.length);
      return p;
    }
    long[] v = (long[]) input;
    long[] p = new long[v.length + 2 * offset];
    Arrays.fill(p, 7L);
    System.arraycopy(v, 0, p, offset, v.length);
    return p;
  }

  private static int length(Object input) {
    return input instanceof double[] ? ((double[]) input).length : ((long[]) input).length;
  }

  private void assertBitIdentical(String name, Object expected, Object actual) {
    long[] want = rawBits(expected);
    long[] got = rawBits(actual);
    for (int i = 0; i < want.length; i++) {
      if (want[i] != got[i]) {
        throw new AssertionError(
            codec().id()
                + " on "
                + name
                + ": value "
                + i
                + " of "
                + want.length
                + " decoded as 0x"
                + Long.toHexString(got[i])
                + ", expected 0x"
                + Long.toHexString(want[i])
                + " (seed "
                + seed
                + ", replay with -Dthermo.seed="
                + seed
                + ")");
      }
    }
    assertThat(got).hasSameSizeAs(want);
  }

  private static long[] rawBits(Object values) {
    if (values instanceof long[]) {
      return (long[]) values;
    }
    double[] d = (double[]) values;
    long[] bits = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      bits[i] = Double.doubleToRawLongBits(d[i]);
    }
    return bits;
  }
}
