package io.thermocline.timeseries.codec;

/**
 * A value codec: a pure function from a slice of a primitive array to a self-delimiting bit
 * sequence and back. The decoder is told the value count; everything else it needs is in the bits.
 *
 * <p>Implementations are stateless and thread-safe; any scratch space is allocated per call (per
 * block), never per value.
 */
public interface Codec {
  /** The stable identifier written next to the encoded bits. */
  CodecId id();
}
