package io.thermocline.timeseries.codec;

/**
 * Zigzag mapping of signed to unsigned longs (0, -1, 1, -2, ... to 0, 1, 2, 3, ...), so that small
 * negative numbers get small bit widths. Pure static functions.
 */
public final class ZigZag {
  private ZigZag() {}

  public static long encode(long v) {
    return (v << 1) ^ (v >> 63);
  }

  public static long decode(long z) {
    return (z >>> 1) ^ -(z & 1);
  }

  /** Bits needed to hold {@code unsigned} as an unsigned number (0 for 0). */
  public static int width(long unsigned) {
    return 64 - Long.numberOfLeadingZeros(unsigned);
  }
}
