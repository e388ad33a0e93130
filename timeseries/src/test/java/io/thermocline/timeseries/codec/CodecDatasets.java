package io.thermocline.timeseries.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Named inputs for codec round trips: adversarial edge cases and seeded random shapes. */
final class CodecDatasets {
  private CodecDatasets() {}

  static final long[] NAN_PATTERNS = {
    0x7ff8000000000000L, // canonical quiet NaN
    0x7ff0000000000001L, // smallest signalling NaN
    0xfff8000000000000L, // negative quiet NaN
    0x7fffffffffffffffL,
    0xffffffffffffffffL,
    0xfff0000000000001L,
    0x7ff4000000000000L,
    0x7ff8dead0000beefL
  };

  static Map<String, double[]> doubles(Random rnd) {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("empty", new double[0]);
    m.put("one point", new double[] {3.14});
    m.put("one NaN", new double[] {Double.longBitsToDouble(0x7ff0000000000001L)});
    m.put("one -0.0", new double[] {-0.0});
    double[] nans = new double[64];
    for (int i = 0; i < nans.length; i++) {
      nans[i] =
          i % 3 == 0
              ? 20.5 + i
              : Double.longBitsToDouble(
                  i % 3 == 1
                      ? NAN_PATTERNS[i % NAN_PATTERNS.length]
                      : 0x7ff0000000000000L | (rnd.nextLong() & 0x800fffffffffffffL) | 1L);
    }
    m.put("NaN payloads", nans);
    m.put("signed zeros", new double[] {0.0, -0.0, 0.0, 0.0, -0.0, -0.0, 1.0, -0.0, 0.0, -1.0});
    m.put(
        "infinities",
        new double[] {
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          1.5,
          Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY,
          -2.5,
          Double.NEGATIVE_INFINITY
        });
    m.put(
        "extremes",
        new double[] {
          Double.MAX_VALUE,
          -Double.MAX_VALUE,
          Double.MIN_VALUE,
          -Double.MIN_VALUE,
          Double.MIN_NORMAL,
          -Double.MIN_NORMAL,
          (double) Long.MAX_VALUE,
          (double) Long.MIN_VALUE,
          9007199254740993.0,
          1e22,
          1e-300,
          -1e308,
          0.1,
          123456789.123456789
        });
    double[] subnormals = new double[200];
    for (int i = 0; i < subnormals.length; i++) {
      long bits = rnd.nextLong() & 0x000fffffffffffffL;
      subnormals[i] = Double.longBitsToDouble(bits | (i % 2 == 0 ? 0 : Long.MIN_VALUE));
    }
    m.put("subnormals", subnormals);
    double[] constant = new double[1000];
    java.util.Arrays.fill(constant, 42.5);
    m.put("constant", constant);
    double[] alternating = new double[500];
    for (int i = 0; i < alternating.length; i++) {
      alternating[i] = i % 2 == 0 ? 1.0 : -1.0;
    }
    m.put("alternating", alternating);
    double[] wild = new double[500];
    for (int i = 0; i < wild.length; i++) {
      wild[i] = i % 2 == 0 ? 0.1 : 1e300;
    }
    m.put("alternating magnitudes", wild);
    double[] runs = new double[5000];
    for (int i = 0; i < runs.length; ) {
      double v = Math.round(rnd.nextGaussian() * 1000) / 10.0;
      int len = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 800);
      for (int k = 0; k < len && i < runs.length; k++) {
        runs[i++] = v;
      }
    }
    m.put("long runs of equal values", runs);
    m.put("random walk, one decimal", decimalWalk(rnd, 4096, 1, 15.0));
    m.put("random walk, two decimals", decimalWalk(rnd, 4096, 2, 10000.0));
    m.put("random walk, one decimal, large", decimalWalk(rnd, 100_000, 1, 1013.0));
    double[] walkWithSpecials = decimalWalk(rnd, 3000, 1, 0.0);
    for (int i = 0; i < 40; i++) {
      int at = rnd.nextInt(walkWithSpecials.length);
      walkWithSpecials[at] =
          switch (i % 5) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> Double.POSITIVE_INFINITY;
            case 3 -> Double.longBitsToDouble(NAN_PATTERNS[i % NAN_PATTERNS.length]);
            default -> Math.PI;
          };
    }
    m.put("decimal walk with exceptions", walkWithSpecials);
    double[] leadingExceptions = decimalWalk(rnd, 300, 1, 5.0);
    for (int i = 0; i < 10; i++) {
      leadingExceptions[i] = Double.NaN;
    }
    m.put("leading exceptions", leadingExceptions);
    double[] uniform = new double[2000];
    for (int i = 0; i < uniform.length; i++) {
      uniform[i] = rnd.nextDouble() * 1e6 - 5e5;
    }
    m.put("random doubles", uniform);
    double[] anyBits = new double[2000];
    for (int i = 0; i < anyBits.length; i++) {
      anyBits[i] = Double.longBitsToDouble(rnd.nextLong());
    }
    m.put("random bit patterns", anyBits);
    double[] integral = new double[1000];
    for (int i = 0; i < integral.length; i++) {
      integral[i] = (rnd.nextInt(2000) - 1000) * 100.0;
    }
    m.put("integers with trailing zeros", integral);
    double[] tiny = new double[500];
    for (int i = 0; i < tiny.length; i++) {
      tiny[i] = (rnd.nextInt(1000) + 1) / 1e15;
    }
    m.put("tiny decimals", tiny);
    return m;
  }

  static Map<String, long[]> longs(Random rnd) {
    Map<String, long[]> m = new LinkedHashMap<>();
    m.put("empty", new long[0]);
    m.put("one point", new long[] {-7});
    m.put("one MIN", new long[] {Long.MIN_VALUE});
    m.put("two points", new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
    long[] minMax = new long[300];
    for (int i = 0; i < minMax.length; i++) {
      minMax[i] = i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    m.put("alternating MIN/MAX", minMax);
    m.put(
        "extremes",
        new long[] {
          0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, 42, Long.MAX_VALUE
        });
    long[] constant = new long[1000];
    java.util.Arrays.fill(constant, 123456789L);
    m.put("constant", constant);
    long[] alternating = new long[500];
    for (int i = 0; i < alternating.length; i++) {
      alternating[i] = i % 2 == 0 ? 5 : -5;
    }
    m.put("alternating", alternating);
    long[] runs = new long[5000];
    for (int i = 0; i < runs.length; ) {
      long v = rnd.nextInt(20);
      int len = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 900);
      for (int k = 0; k < len && i < runs.length; k++) {
        runs[i++] = v;
      }
    }
    m.put("long runs of equal values", runs);
    long[] equidistant = new long[2000];
    for (int i = 0; i < equidistant.length; i++) {
      equidistant[i] = 1_700_000_000_000_000L + i * 900_000_000L;
    }
    m.put("equidistant timestamps", equidistant);
    long[] descending = new long[100];
    for (int i = 0; i < descending.length; i++) {
      descending[i] = Long.MAX_VALUE - i * 3L;
    }
    m.put("descending progression", descending);
    long[] jitter = new long[2000];
    long t = 1_700_000_000_000_000L;
    for (int i = 0; i < jitter.length; i++) {
      t += 1_000_000L + (rnd.nextInt(10) == 0 ? rnd.nextInt(200_000) - 100_000 : 0);
      jitter[i] = t;
    }
    m.put("timestamps with jitter", jitter);
    long[] gaps = new long[1000];
    t = 0;
    for (int i = 0; i < gaps.length; i++) {
      t += rnd.nextInt(50) == 0 ? (1L << 40) + rnd.nextInt(1000) : 60_000_000L;
      gaps[i] = t;
    }
    m.put("timestamps with huge gaps", gaps);
    long[] walk = new long[4096];
    long v = 0;
    for (int i = 0; i < walk.length; i++) {
      v += Math.round(rnd.nextGaussian() * 20);
      walk[i] = v;
    }
    m.put("random walk", walk);
    long[] small = new long[3000];
    for (int i = 0; i < small.length; i++) {
      small[i] = rnd.nextInt(16);
    }
    m.put("small random", small);
    long[] anyBits = new long[2000];
    for (int i = 0; i < anyBits.length; i++) {
      anyBits[i] = rnd.nextLong();
    }
    m.put("random bit patterns", anyBits);
    for (Map.Entry<String, double[]> e : doubles(rnd).entrySet()) {
      double[] d = e.getValue();
      long[] bits = new long[d.length];
      for (int i = 0; i < d.length; i++) {
        bits[i] = Double.doubleToRawLongBits(d[i]);
      }
      m.put("raw bits of " + e.getKey(), bits);
    }
    return m;
  }

  /** A random walk whose values are decimals with {@code digits} fraction digits, as parsed. */
  static double[] decimalWalk(Random rnd, int n, int digits, double start) {
    double scale = Math.pow(10, digits);
    long units = Math.round(start * scale);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      units += Math.round(rnd.nextGaussian() * 3);
      out[i] = units / scale;
    }
    return out;
  }

  /** A random shape for the seeded loop: one of the generators above at a random length. */
  static double[] randomDoubles(Random rnd, int n) {
    double[] out = new double[n];
    int shape = rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      out[i] =
          switch (shape) {
            case 0 -> Double.longBitsToDouble(rnd.nextLong());
            case 1 -> Math.round(rnd.nextGaussian() * 10000) / 100.0;
            case 2 -> rnd.nextInt(4) == 0 ? Double.NaN : rnd.nextInt(3);
            case 3 -> i > 0 && rnd.nextInt(4) > 0 ? out[i - 1] : rnd.nextDouble();
            default -> Double.longBitsToDouble(NAN_PATTERNS[rnd.nextInt(NAN_PATTERNS.length)]);
          };
    }
    return out;
  }

  static long[] randomLongs(Random rnd, int n) {
    long[] out = new long[n];
    int shape = rnd.nextInt(5);
    long acc = rnd.nextLong();
    long step = rnd.nextInt(1000);
    for (int i = 0; i < n; i++) {
      out[i] =
          switch (shape) {
            case 0 -> rnd.nextLong();
            case 1 -> acc += step;
            case 2 -> acc += rnd.nextInt(7) - 3;
            case 3 -> i > 0 && rnd.nextInt(4) > 0 ? out[i - 1] : rnd.nextInt(100);
            default -> rnd.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
          };
    }
    return out;
  }
}
