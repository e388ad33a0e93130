package io.thermocline.timeseries.bits;

/**
 * A bit stream ended early or held a field no encoder writes. Unchecked and internal to decoding:
 * the block reader turns it into a {@code CorruptFileException} that names the block and offset.
 */
public final class BitStreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BitStreamException(String message) {
    super(message);
  }
}
