package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitStreamException;
import io.thermocline.timeseries.bits.BitWriter;
import java.util.Arrays;

/**
 * Decimal scaling after the idea of ALP (Afroozeh, Kuffo, Boncz, SIGMOD 2024): most doubles in
 * business and sensor data were decimals once. Per block an exponent {@code e} and a factor {@code
 * f} are chosen so that {@code n = round(v * 10^e) / 10^f} is an integer and {@code (n * 10^f) /
 * 10^e} gives back exactly the same bits; the integers then go through the best long codec (frame
 * of reference, delta, run-length). Values that do not round-trip (NaN, infinities, -0.0, too many
 * digits) are exceptions, stored verbatim with their positions.
 *
 * <p>Unlike ALP, decoding divides by {@code 10^e} instead of multiplying by its inexact inverse:
 * division is correctly rounded, so every decimal with at most {@code e} fraction digits and fewer
 * than 2^53 units round-trips, and the search needs no second factor for numeric luck.
 *
 * <p>Layout: {@code e} (5 bits), {@code f} (5 bits), exception count (32 bits), inner long codec id
 * (8 bits), the integers, exception positions packed at the width of {@code count - 1}, exception
 * values (64 bits each). Stateless; the integer array is allocated per call.
 */
public final class AlpCodec implements DoubleCodec {
  public static final AlpCodec INSTANCE = new AlpCodec();

  static final int MAX_EXPONENT = 18;
  private static final int SAMPLE_SIZE = 32;

  /** Cost of one exception in bits, as estimated while choosing the exponent. */
  private static final int EXCEPTION_BITS = 64 + 16;

  private static final double[] POW10 = new double[MAX_EXPONENT + 1];
  private static final double[] INV_POW10 = new double[MAX_EXPONENT + 1];
  private static final long[] POW10_LONG = new long[MAX_EXPONENT + 1];

  static {
    long p = 1;
    for (int i = 0; i <= MAX_EXPONENT; i++) {
      POW10_LONG[i] = p;
      POW10[i] = p;
      INV_POW10[i] = 1.0 / p;
      p *= 10;
    }
  }

  private static final LongCodec[] INNER = {
    FrameOfReferenceCodec.INSTANCE,
    DeltaZigZagCodec.INSTANCE,
    RunLengthCodec.INSTANCE,
    DeltaOfDeltaCodec.INSTANCE,
    HuffmanCodec.VALUES,
    HuffmanCodec.DELTAS,
    SeasonalHuffmanCodec.INSTANCE
  };

  private AlpCodec() {}

  @Override
  public CodecId id() {
    return CodecId.ALP;
  }

  @Override
  public void encode(double[] values, int from, int count, BitWriter out) {
    if (count == 0) {
      return;
    }
    int exponentAndFactor = chooseExponentAndFactor(values, from, count);
    int e = exponentAndFactor >>> 8;
    int f = exponentAndFactor & 0xFF;
    long[] ints = new long[count];
    int[] exceptionPositions = new int[count];
    int exceptions = 0;
    long fill = 0;
    boolean haveFill = false;
    double scale = POW10[e];
    double unscale = INV_POW10[f];
    long factor = POW10_LONG[f];
    double divisor = POW10[e];
    for (int i = 0; i < count; i++) {
      double v = values[from + i];
      long n = (long) Math.rint(v * scale * unscale);
      long scaled = n * factor;
      if (scaled / factor == n
          && Double.doubleToRawLongBits(scaled / divisor) == Double.doubleToRawLongBits(v)) {
        ints[i] = n;
        if (!haveFill) {
          // Leading exceptions take the first good integer, so they do not widen the frame.
          Arrays.fill(ints, 0, i, n);
          haveFill = true;
        }
        fill = n;
      } else {
        exceptionPositions[exceptions++] = i;
        ints[i] = fill;
      }
    }
    out.writeBits(e, 5);
    out.writeBits(f, 5);
    out.writeBits(exceptions, 32);
    if (exceptions < count) {
      writeSmallestInner(ints, count, out);
    }
    int positionWidth = ZigZag.width(count - 1);
    for (int k = 0; k < exceptions; k++) {
      out.writeBits(exceptionPositions[k], positionWidth);
    }
    for (int k = 0; k < exceptions; k++) {
      out.writeBits(Double.doubleToRawLongBits(values[from + exceptionPositions[k]]), 64);
    }
  }

  /** Writes the id and encoding of the smallest inner codec for {@code ints}. */
  private static void writeSmallestInner(long[] ints, int count, BitWriter out) {
    BitWriter body = new BitWriter(count * 8);
    LongCodec inner = new LongCodecChooser(INNER).encode(ints, 0, count, body);
    out.writeBits(inner.id().id(), 8);
    out.append(body);
  }

  /**
   * Picks {@code e} on a sample: the smallest exponent with no exception wins outright (a larger
   * one only widens the integers); otherwise the cheapest by estimated bits. Then {@code f} removes
   * the trailing decimal zeros every sampled integer shares. Returns {@code e << 8 | f}.
   */
  private static int chooseExponentAndFactor(double[] values, int from, int count) {
    int samples = Math.min(SAMPLE_SIZE, count);
    int step = count / samples;
    long bestCost = Long.MAX_VALUE;
    int bestE = 0;
    for (int e = 0; e <= MAX_EXPONENT; e++) {
      double scale = POW10[e];
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      int exceptions = 0;
      for (int s = 0; s < samples; s++) {
        double v = values[from + s * step];
        long n = (long) Math.rint(v * scale);
        if (Double.doubleToRawLongBits(n / scale) == Double.doubleToRawLongBits(v)) {
          min = Math.min(min, n);
          max = Math.max(max, n);
        } else {
          exceptions++;
        }
      }
      int width = exceptions == samples ? 0 : ZigZag.width(max - min);
      long cost = (long) width * (samples - exceptions) + (long) exceptions * EXCEPTION_BITS;
      if (cost < bestCost) {
        bestCost = cost;
        bestE = e;
      }
      if (exceptions == 0) {
        break;
      }
    }
    int f = MAX_EXPONENT;
    double scale = POW10[bestE];
    for (int s = 0; s < samples && f > 0; s++) {
      double v = values[from + s * step];
      long n = (long) Math.rint(v * scale);
      if (Double.doubleToRawLongBits(n / scale) == Double.doubleToRawLongBits(v)) {
        while (f > 0 && n % POW10_LONG[f] != 0) {
          f--;
        }
      }
    }
    return (bestE << 8) | f;
  }

  @Override
  public void decode(BitReader in, int count, double[] dst, int dstFrom) {
    if (count == 0) {
      return;
    }
    int e = (int) in.readBits(5);
    int f = (int) in.readBits(5);
    long exceptions = in.readBits(32);
    if (e > MAX_EXPONENT || f > MAX_EXPONENT || exceptions > count) {
      throw new BitStreamException(
          "alp header e=" + e + " f=" + f + " exceptions=" + exceptions + " is invalid");
    }
    if (exceptions < count) {
      CodecId innerId = CodecId.byId((int) in.readBits(8));
      if (innerId == null || innerId.forDoubles()) {
        throw new BitStreamException("alp inner codec id is not a long codec");
      }
      long[] ints = new long[count];
      Codecs.longCodec(innerId).decode(in, count, ints, 0);
      long factor = POW10_LONG[f];
      double divisor = POW10[e];
      for (int i = 0; i < count; i++) {
        dst[dstFrom + i] = (ints[i] * factor) / divisor;
      }
    }
    int positionWidth = ZigZag.width(count - 1);
    int[] positions = new int[(int) exceptions];
    for (int k = 0; k < exceptions; k++) {
      long p = in.readBits(positionWidth);
      if (p >= count) {
        throw new BitStreamException("alp exception position " + p + " outside " + count);
      }
      positions[k] = (int) p;
    }
    for (int k = 0; k < exceptions; k++) {
      dst[dstFrom + positions[k]] = Double.longBitsToDouble(in.readBits(64));
    }
  }
}
