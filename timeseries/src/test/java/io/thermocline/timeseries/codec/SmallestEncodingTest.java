package io.thermocline.timeseries.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.timeseries.bits.BitWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The choice rules both choosers share: smallest wins, ties to the earlier, bounds skip trials. */
class SmallestEncodingTest {
  private final Codec a = () -> CodecId.PLAIN_LONG;
  private final Codec b = () -> CodecId.FRAME_OF_REFERENCE;
  private final Codec c = () -> CodecId.DELTA_ZIGZAG;

  /** Writes a fixed number of bits per codec and records which codecs were asked what. */
  private static final class Sizes {
    final Map<Codec, Long> bits;
    final Map<Codec, Long> bounds;
    final List<Codec> refused;
    final List<String> calls = new ArrayList<>();

    Sizes(Map<Codec, Long> bits, Map<Codec, Long> bounds, List<Codec> refused) {
      this.bits = bits;
      this.bounds = bounds;
      this.refused = refused;
    }

    boolean accepts(Codec codec) {
      return !refused.contains(codec);
    }

    long minimumBits(Codec codec) {
      calls.add("bound " + codec.id());
      return bounds.getOrDefault(codec, 0L);
    }

    void encode(Codec codec, BitWriter out) {
      calls.add("encode " + codec.id());
      for (long i = 0; i < bits.get(codec); i++) {
        out.writeBit(true);
      }
    }
  }

  private static Codec choose(SmallestEncoding<Codec> smallest, Sizes sizes, BitWriter out) {
    return smallest.choose(sizes::accepts, sizes::minimumBits, sizes::encode, out);
  }

  @Test
  void smallestWinsTiesGoToTheEarlierAndOnlyTheWinnerIsAppended() {
    SmallestEncoding<Codec> smallest = new SmallestEncoding<>(new Codec[] {a, b, c});
    BitWriter out = new BitWriter();
    out.writeBits(0b101, 3);
    Sizes sizes = new Sizes(Map.of(a, 20L, b, 10L, c, 10L), Map.of(), List.of());
    assertThat(choose(smallest, sizes, out)).isSameAs(b);
    assertThat(out.bitLength()).isEqualTo(13);
    assertThat(sizes.calls)
        .as("no bound is asked before there is a best")
        .containsExactly(
            "encode PLAIN_LONG",
            "bound FRAME_OF_REFERENCE",
            "encode FRAME_OF_REFERENCE",
            "bound DELTA_ZIGZAG",
            "encode DELTA_ZIGZAG");

    // The writers are reused: a second block starts from nothing.
    BitWriter next = new BitWriter();
    assertThat(choose(smallest, new Sizes(Map.of(a, 3L, b, 4L, c, 5L), Map.of(), List.of()), next))
        .isSameAs(a);
    assertThat(next.bitLength()).isEqualTo(3);
  }

  @Test
  void aBoundThatCannotBeatTheBestSkipsTheTrial() {
    SmallestEncoding<Codec> smallest = new SmallestEncoding<>(new Codec[] {a, b});
    Sizes sizes = new Sizes(Map.of(a, 10L, b, 1L), Map.of(b, 10L), List.of());
    assertThat(choose(smallest, sizes, new BitWriter())).isSameAs(a);
    assertThat(sizes.calls).containsExactly("encode PLAIN_LONG", "bound FRAME_OF_REFERENCE");
  }

  @Test
  void refusingCandidatesAreSkippedAndNoneAcceptingChoosesNothing() {
    SmallestEncoding<Codec> smallest = new SmallestEncoding<>(new Codec[] {a, b});
    BitWriter out = new BitWriter();
    assertThat(choose(smallest, new Sizes(Map.of(a, 1L, b, 9L), Map.of(), List.of(a)), out))
        .isSameAs(b);
    assertThat(out.bitLength()).isEqualTo(9);
    BitWriter none = new BitWriter();
    assertThat(choose(smallest, new Sizes(Map.of(), Map.of(), List.of(a, b)), none)).isNull();
    assertThat(none.bitLength()).isZero();
    assertThatThrownBy(
            () ->
                new LongCodecChooser(EquidistantCodec.INSTANCE)
                    .encode(new long[] {1, 5, 6}, 0, 3, new BitWriter()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no candidate codec accepts");
  }

  @Test
  void aChooserNeedsACandidate() {
    assertThatThrownBy(() -> new DoubleCodecChooser(new DoubleCodec[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
