package io.thermocline.timeseries.codec;

/**
 * The identifiers of all codecs as written into series blocks. An id is part of the on-disk format:
 * never renumber or reuse one. A codec added later gets a new id and a new block format version.
 * Immutable.
 */
public enum CodecId {
  PLAIN_LONG(1, false),
  FRAME_OF_REFERENCE(2, false),
  DELTA_ZIGZAG(3, false),
  RUN_LENGTH(4, false),
  DELTA_OF_DELTA(5, false),
  EQUIDISTANT(6, false),
  HUFFMAN(7, false),
  DELTA_HUFFMAN(8, false),
  /** Since block format {@code VERSION_SEASONAL_HUFFMAN} (2). */
  SEASONAL_HUFFMAN(9, false),
  PLAIN_DOUBLE(16, true),
  GORILLA(17, true),
  CHIMP128(18, true),
  ALP(19, true);

  private static final CodecId[] BY_ID = new CodecId[32];

  static {
    for (CodecId c : values()) {
      BY_ID[c.id] = c;
    }
  }

  private final int id;
  private final boolean forDoubles;

  CodecId(int id, boolean forDoubles) {
    this.id = id;
    this.forDoubles = forDoubles;
  }

  /** The number stored on disk. */
  public int id() {
    return id;
  }

  /** True for double codecs, false for long codecs. */
  public boolean forDoubles() {
    return forDoubles;
  }

  /** The codec with on-disk number {@code id}, or null if no codec has it. */
  public static CodecId byId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }
}
