package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitStreamException;
import io.thermocline.timeseries.bits.BitWriter;

/**
 * Differencing at a lag, then canonical Huffman: for sensor series with a daily or weekly rhythm
 * (hourly temperature repeats its shape every 24 points) the difference to the same hour a period
 * ago is far more predictable than the difference to the previous hour. With lag 1 and order 1 it
 * is delta-of-delta Huffman, which is what smooth series without a period pick.
 *
 * <p>The base series {@code z} is the values (order 0) or their first differences (order 1, the
 * first value in 64 bits ahead). The symbols are {@code y[i] = z[i] - z[i - lag]}, and {@code z[i]}
 * itself for the first {@code lag} positions; all arithmetic wraps, so any longs round-trip.
 *
 * <p>Layout: lag (16 bits, at least 1), order (1 bit), the first value (64 bits, order 1 only),
 * then the symbols as {@link HuffmanCodec} writes them. The encoder picks the lag and order of the
 * smallest empirical entropy among {@link #LAGS} times the two orders; the choosers then compare
 * the real size against every other codec, so a bad guess costs nothing but a lost chance.
 * Stateless; per-call arrays.
 */
public final class SeasonalHuffmanCodec implements LongCodec {
  public static final SeasonalHuffmanCodec INSTANCE = new SeasonalHuffmanCodec();

  /**
   * Lags tried: neighbours, and the periods of a day and a week at the sampling rates sensors and
   * business data use (hourly 24/168, daily 7, monthly 12, 5/10/15-minute and minute days).
   */
  static final int[] LAGS = {1, 7, 12, 24, 48, 96, 144, 168, 288, 1440};

  static final int MAX_LAG = (1 << 16) - 1;

  /** Entropy is estimated on at most this many symbols, spread across the block. */
  private static final int ESTIMATE_SYMBOLS = 512;

  private SeasonalHuffmanCodec() {}

  @Override
  public CodecId id() {
    return CodecId.SEASONAL_HUFFMAN;
  }

  @Override
  public void encode(long[] values, int from, int count, BitWriter out) {
    if (count == 0) {
      return;
    }
    int choice = choose(values, from, count);
    encode(values, from, count, choice >>> 1, choice & 1, out);
  }

  /** Encodes with a given lag and order; the tests use it to cover every pair. */
  void encode(long[] values, int from, int count, int lag, int order, BitWriter out) {
    if (lag < 1 || lag > MAX_LAG || (order & ~1) != 0) {
      throw new IllegalArgumentException("lag " + lag + " order " + order);
    }
    out.writeBits(lag, 16);
    out.writeBits(order, 1);
    long[] z = base(values, from, count, order);
    if (order == 1) {
      out.writeBits(values[from], 64);
    }
    HuffmanCodec.writeSymbols(seasonalDifferences(z, lag), z.length, out);
  }

  private static long[] base(long[] values, int from, int count, int order) {
    if (order == 0) {
      long[] z = new long[count];
      System.arraycopy(values, from, z, 0, count);
      return z;
    }
    long[] z = new long[count - 1];
    for (int i = 1; i < count; i++) {
      z[i - 1] = values[from + i] - values[from + i - 1];
    }
    return z;
  }

  /** {@code z} turned into its lag differences, in place (descending, so sources stay intact). */
  private static long[] seasonalDifferences(long[] z, int lag) {
    for (int i = z.length - 1; i >= lag; i--) {
      z[i] -= z[i - lag];
    }
    return z;
  }

  /**
   * Returns {@code lag << 1 | order} of the smallest estimated size. The estimate looks at a
   * strided sample of the symbols only: trying twenty pairs on every symbol made encoding ten times
   * slower than Huffman itself, and the sample ranks the pairs the same way on real series.
   */
  private static int choose(long[] values, int from, int count) {
    double bestBits = Double.MAX_VALUE;
    int best = (1 << 1) | 1;
    for (int order = 0; order <= 1; order++) {
      long[] z = base(values, from, count, order);
      for (int lag : LAGS) {
        // A lag needs a few periods in the block to pay for the undifferenced first period.
        if (lag > 1 && lag * 4 > z.length) {
          break;
        }
        double bits = estimatedBits(z, lag);
        if (bits < bestBits) {
          bestBits = bits;
          best = (lag << 1) | order;
        }
      }
    }
    return best;
  }

  /** Sampled zeroth-order entropy of the lag differences plus ~12 table bits a distinct symbol. */
  private static double estimatedBits(long[] z, int lag) {
    int n = z.length;
    if (n == 0) {
      return 0;
    }
    int step = Math.max(1, n / ESTIMATE_SYMBOLS);
    SymbolCounter counter = new SymbolCounter(Math.min(n, 256));
    int sampled = 0;
    for (int i = 0; i < n; i += step) {
      counter.add(i >= lag ? z[i] - z[i - lag] : z[i]);
      sampled++;
    }
    double entropy = 0;
    for (int id = 0; id < counter.size(); id++) {
      double p = (double) counter.count(id) / sampled;
      entropy -= p * Math.log(p);
    }
    return entropy / Math.log(2) * n + 12.0 * counter.size();
  }

  @Override
  public void decode(BitReader in, int count, long[] dst, int dstFrom) {
    if (count == 0) {
      return;
    }
    int lag = (int) in.readBits(16);
    int order = (int) in.readBits(1);
    if (lag < 1) {
      throw new BitStreamException("seasonal huffman lag 0");
    }
    int at = dstFrom;
    int n = count;
    if (order == 1) {
      dst[at++] = in.readBits(64);
      n--;
    }
    HuffmanCodec.readSymbols(in, n, dst, at);
    for (int i = at + lag, end = at + n; i < end; i++) {
      dst[i] += dst[i - lag];
    }
    if (order == 1) {
      long prev = dst[dstFrom];
      for (int i = at, end = at + n; i < end; i++) {
        prev += dst[i];
        dst[i] = prev;
      }
    }
  }
}
