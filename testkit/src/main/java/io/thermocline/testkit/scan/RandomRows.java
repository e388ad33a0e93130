package io.thermocline.testkit.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates rows of storage values for {@link ConformanceSchema}: NULLs in every nullable column,
 * doubles with NaN, -0.0, infinities and subnormals, strings with non-ASCII characters and
 * surrogate pairs (UTF-16 and UTF-8 order differ there), dates and timestamps before 1970. Ordinary
 * doubles are multiples of 1/4 so that their sums are exact in any order; the rare huge value is
 * positive so SUM stays order-independent within relative tolerance; BIGINT stays within 10^12 so
 * no SUM overflows.
 *
 * <p>{@link #onSeriesGrid} makes the rows valid for a series table keyed by {@link
 * ConformanceSchema#REGION} with period {@link ConformanceSchema#TS} on a grid from the epoch: each
 * region's times are distinct grid points, mostly rising with missing points between them,
 * sometimes filled in below the earliest one, rarely jumping far ahead. Single-threaded.
 */
public final class RandomRows {
  static final String[] REGIONS = {"EMEA", "APAC", "AMER", "", "Zürich", "emea"};
  static final long TS_BASE = 1_700_000_000_000_000L;
  static final long DAY_BASE = 19_700L;
  private static final double[] SPECIAL_DOUBLES = {
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    -0.0,
    0.0,
    Double.MIN_VALUE,
    1e300
  };
  private static final String[] ODD_CHARS = {
    "é", "日", "\uD83D\uDE00", "\uFFFD", "\uE000", "'", " "
  };

  private final Random random;
  private final long step;

  /** Per region (null included): the next grid slot going up, and the next one going down. */
  private final Map<String, long[]> slots = new HashMap<>();

  private long nextId;

  public RandomRows(Random random, long firstId) {
    this(random, firstId, 0);
  }

  private RandomRows(Random random, long firstId, long step) {
    this.random = random;
    this.nextId = firstId;
    this.step = step;
  }

  /**
   * Rows whose {@code ts} never repeats within a region and lies on the grid {@code k * step}
   * (microseconds): what a series table keyed by region with that increment accepts.
   */
  public static RandomRows onSeriesGrid(Random random, long firstId, long step) {
    if (step <= 0) {
      throw new IllegalArgumentException("series grid step must be positive: " + step);
    }
    return new RandomRows(random, firstId, step);
  }

  public List<Object[]> rows(int count) {
    List<Object[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(row());
    }
    return out;
  }

  public Object[] row() {
    Object[] r = new Object[ConformanceSchema.schema().size()];
    r[0] = nextId++;
    r[1] = timestamp();
    r[2] = nullOr(random.nextBoolean() ? 1L : 0L);
    r[3] = nullOr(integer());
    r[4] = nullOr(bigint());
    r[5] = random.nextInt(12) == 0 ? null : (Object) doubleValue();
    r[6] = nullOr(decimal());
    r[7] = random.nextInt(12) == 0 ? null : REGIONS[random.nextInt(REGIONS.length)];
    r[8] = random.nextInt(12) == 0 ? null : label();
    r[9] = nullOr(DAY_BASE + random.nextInt(60) - (random.nextInt(50) == 0 ? 25_000 : 0));
    r[10] = random.nextInt(5) == 0 ? null : (Object) timestamp();
    if (step > 0) {
      // Drawn after the other columns so that the default rows of a seed stay as they were.
      r[1] = gridTime((String) r[7]);
    }
    return r;
  }

  private long gridTime(String region) {
    long[] s = slots.computeIfAbsent(region, k -> firstSlot());
    if (random.nextInt(10) == 0) {
      return s[1]-- * step;
    }
    long slot = s[0];
    int pick = random.nextInt(5_000);
    // Mostly the next point; often missing points between; rarely a jump that leaves a run too
    // sparse for a grid (the hot store then stores its timestamps).
    s[0] += pick == 0 ? 100_000 : pick < 1_250 ? 2 + random.nextInt(3) : 1;
    return slot * step;
  }

  private long[] firstSlot() {
    long t = timestamp();
    if (random.nextInt(6) == 0) {
      t = -Math.abs(t) / 1000; // a series before 1970: negative grid slots
    }
    long slot = Math.floorDiv(t, step);
    return new long[] {slot, slot - 1};
  }

  private Object nullOr(long value) {
    return random.nextInt(12) == 0 ? null : (Object) value;
  }

  /** Spread over ten days around 2023-11, a few before 1970 to exercise floor division. */
  private long timestamp() {
    long t = TS_BASE + (long) (random.nextDouble() * 10 * 86_400_000_000L);
    return random.nextInt(100) == 0 ? -t / 1000 : t;
  }

  private long integer() {
    int pick = random.nextInt(100);
    if (pick == 0) {
      return Integer.MIN_VALUE;
    }
    if (pick == 1) {
      return Integer.MAX_VALUE;
    }
    return random.nextInt(101) - 50;
  }

  private long bigint() {
    return random.nextInt(20) == 0
        ? random.nextInt(3) - 1
        : (random.nextLong() % 1_000_000_000_000L);
  }

  private double doubleValue() {
    if (random.nextInt(60) == 0) {
      return SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
    }
    return (random.nextInt(2_000_001) - 1_000_000) / 4.0;
  }

  private long decimal() {
    int pick = random.nextInt(100);
    if (pick == 0) {
      return ConformanceSchema.AMOUNT_MAX_UNSCALED;
    }
    if (pick == 1) {
      return -ConformanceSchema.AMOUNT_MAX_UNSCALED;
    }
    return random.nextInt(2_000_001) - 1_000_000;
  }

  private String label() {
    StringBuilder sb = new StringBuilder();
    int len = random.nextInt(17);
    while (sb.length() < len) {
      String c =
          random.nextInt(10) == 0
              ? ODD_CHARS[random.nextInt(ODD_CHARS.length)]
              : String.valueOf((char) ('a' + random.nextInt(26)));
      if (sb.length() + c.length() > 16) {
        break;
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
