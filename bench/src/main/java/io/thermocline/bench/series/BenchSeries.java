package io.thermocline.bench.series;

/**
 * One equidistant series under test: the grid ({@code start + i * increment} for {@code i <
 * gridCount}, timestamps in microseconds), the grid positions without a value ({@code missing}, a
 * {@code NullBitmap}, null when none is), and the present points as parallel arrays.
 *
 * <p>Immutable by convention: every system under test reads the same arrays and none may modify
 * them.
 *
 * @param decimals the most digits after the decimal point in the source text, so that a peer whose
 *     encoding needs a fixed precision (TsFile's TS_2DIFF and RLE on doubles) gets the one that
 *     keeps these values
 */
public record BenchSeries(
    String dataset,
    String name,
    long start,
    long increment,
    int gridCount,
    long[] missing,
    long[] timestamps,
    double[] values,
    int decimals) {

  /** Present points (rows). */
  public int points() {
    return values.length;
  }

  /**
   * The first {@code n} points as a series of their own (a sample for a search over many settings);
   * only for series without missing elements, where the grid is the points.
   */
  public BenchSeries prefix(int n) {
    if (missing != null || n > points()) {
      throw new IllegalArgumentException(label() + " has no gap-free prefix of " + n + " points");
    }
    return new BenchSeries(
        dataset,
        name,
        start,
        increment,
        n,
        null,
        java.util.Arrays.copyOf(timestamps, n),
        java.util.Arrays.copyOf(values, n),
        decimals);
  }

  /** Dataset and column, e.g. {@code hourly/pressure}. */
  public String label() {
    return dataset + "/" + name;
  }
}
