package io.thermocline.timeseries.block;

import io.thermocline.common.format.FileFormat;

/**
 * Constants of the series block format (DESIGN.md sections 7 and 11). The header (magic, format
 * name, version) and the CRC32C footer are common's {@link FileFormat}; the body, all integers
 * big-endian:
 *
 * <pre>
 * flags u16 | key length u32 | key bytes | start i64 | increment i64 | count u32
 * missing bitmap: bitmap encoding
 * irregular only: timestamp codec id u8 | payload length u32 | payload
 * column count u16 | per column: type u8 | null bitmap: bitmap encoding
 *                                | codec id u8 | payload length u32 | payload (non-null values only)
 *
 * bitmap encoding: kind u8 (0 none set, 1 raw bits, 2 runs) | payload length u32 | payload
 *   raw: the bits, bit 0 first; runs: run count u32, codec id u8, then the alternating
 *   clear/set run lengths (first run clear, may be empty) encoded with that codec.
 * </pre>
 *
 * Pure constants.
 */
public final class SeriesBlockFormat {
  private SeriesBlockFormat() {}

  /** The format name in every block's header. */
  public static final String FORMAT_NAME = "series block";

  /** First version: equidistant and irregular blocks, all codecs of {@code CodecId}. */
  public static final int VERSION_START = 1;

  /**
   * Adds codec id 9, {@code SEASONAL_HUFFMAN} (lag differencing, then Huffman), as a column codec
   * and as ALP's inner codec. Version 1 blocks read unchanged.
   */
  public static final int VERSION_SEASONAL_HUFFMAN = 2;

  /** The version this build writes, and the newest it reads. */
  public static final int CURRENT_VERSION = VERSION_SEASONAL_HUFFMAN;

  /** The oldest version this build reads. */
  public static final int MIN_READABLE_VERSION = VERSION_START;

  /** Header and footer writer and checker, shared with every other Thermocline format. */
  public static final FileFormat FORMAT =
      FileFormat.of(FORMAT_NAME, MIN_READABLE_VERSION, CURRENT_VERSION);

  /** Flag bit: the block stores timestamps (irregular) instead of a grid. */
  public static final int FLAG_IRREGULAR = 1;

  /** Bounds that keep a damaged block from asking for absurd allocations. */
  public static final int MAX_COUNT = 1 << 24;

  public static final int MAX_KEY_BYTES = 1 << 16;
  public static final int MAX_COLUMNS = 1 << 12;

  /** Points per block the engine should cut series into: large enough to amortize the header. */
  public static final int DEFAULT_BLOCK_POINTS = 8192;

  static final int TYPE_LONG = 1;
  static final int TYPE_DOUBLE = 2;

  static final int BITMAP_NONE = 0;
  static final int BITMAP_RAW = 1;
  static final int BITMAP_RUNS = 2;
}
