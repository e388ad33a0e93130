package io.thermocline.hotstore.bits;

/**
 * Maps doubles to {@code long} keys whose signed order is {@link Double#compare}'s order (the order
 * of {@link io.thermocline.common.expr.ExprEvaluator#compare} and of the sorted dictionaries): -0.0
 * before 0.0, all NaNs equal and last. Lets DOUBLE and LONG columns share one range-test kernel.
 */
public final class DoubleKeys {
  private DoubleKeys() {}

  public static long key(double d) {
    long bits = Double.doubleToLongBits(d);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  public static double value(long key) {
    return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
  }
}
