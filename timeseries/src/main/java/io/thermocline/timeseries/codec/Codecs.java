package io.thermocline.timeseries.codec;

/**
 * The registry of codec instances by {@link CodecId}, and the candidate lists the choosers try.
 * Immutable; thread-safe.
 */
public final class Codecs {
  private Codecs() {}

  /** Long codecs the chooser tries for value columns, cheapest to decode first. */
  public static LongCodec[] longCandidates() {
    return new LongCodec[] {
      FrameOfReferenceCodec.INSTANCE,
      DeltaZigZagCodec.INSTANCE,
      RunLengthCodec.INSTANCE,
      DeltaOfDeltaCodec.INSTANCE,
      EquidistantCodec.INSTANCE,
      HuffmanCodec.VALUES,
      HuffmanCodec.DELTAS,
      SeasonalHuffmanCodec.INSTANCE,
      PlainLongCodec.INSTANCE
    };
  }

  /** Double codecs the chooser tries, cheapest to decode first. */
  public static DoubleCodec[] doubleCandidates() {
    return new DoubleCodec[] {
      AlpCodec.INSTANCE, GorillaCodec.INSTANCE, Chimp128Codec.INSTANCE, PlainDoubleCodec.INSTANCE
    };
  }

  /** The long codec with this id; throws if the id names a double codec. */
  public static LongCodec longCodec(CodecId id) {
    switch (id) {
      case PLAIN_LONG:
        return PlainLongCodec.INSTANCE;
      case FRAME_OF_REFERENCE:
        return FrameOfReferenceCodec.INSTANCE;
      case DELTA_ZIGZAG:
        return DeltaZigZagCodec.INSTANCE;
      case RUN_LENGTH:
        return RunLengthCodec.INSTANCE;
      case DELTA_OF_DELTA:
        return DeltaOfDeltaCodec.INSTANCE;
      case EQUIDISTANT:
        return EquidistantCodec.INSTANCE;
      case HUFFMAN:
        return HuffmanCodec.VALUES;
      case DELTA_HUFFMAN:
        return HuffmanCodec.DELTAS;
      case SEASONAL_HUFFMAN:
        return SeasonalHuffmanCodec.INSTANCE;
      default:
        throw new IllegalArgumentException("codec " + id + " does not encode longs");
    }
  }

  /** The double codec with this id; throws if the id names a long codec. */
  public static DoubleCodec doubleCodec(CodecId id) {
    switch (id) {
      case PLAIN_DOUBLE:
        return PlainDoubleCodec.INSTANCE;
      case GORILLA:
        return GorillaCodec.INSTANCE;
      case CHIMP128:
        return Chimp128Codec.INSTANCE;
      case ALP:
        return AlpCodec.INSTANCE;
      default:
        throw new IllegalArgumentException("codec " + id + " does not encode doubles");
    }
  }
}
