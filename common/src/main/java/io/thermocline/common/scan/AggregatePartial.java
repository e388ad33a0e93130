package io.thermocline.common.scan;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.ExprEvaluator;

/**
 * The mergeable state of one aggregate in one group: count of rows or non-NULL values, an exact
 * long sum (integral and DECIMAL columns) or a double sum, and min/max as storage values. Partials
 * from different tiers merge without loss; only {@link #result} turns them into a value.
 * Single-threaded.
 */
public final class AggregatePartial {
  private long count;
  private long longSum;
  private double doubleSum;
  private boolean doubleTyped;
  private Object min;
  private Object max;

  /** Adds {@code n} counted rows or values. */
  public void addCount(long n) {
    count += n;
  }

  /** Adds to the exact sum; overflow is an error, never a wrapped result. */
  public void addLongSum(long sum) {
    try {
      longSum = Math.addExact(longSum, sum);
    } catch (ArithmeticException e) {
      throw new ThermoException(ErrorCode.NUMERIC_OUT_OF_RANGE, "SUM overflows BIGINT");
    }
  }

  public void addDoubleSum(double sum) {
    doubleTyped = true;
    doubleSum += sum;
  }

  /** Offers a non-null storage value as a minimum candidate. */
  public void offerMin(Object v) {
    if (v != null && (min == null || ExprEvaluator.compare(v, min) < 0)) {
      min = v;
    }
  }

  public void offerMax(Object v) {
    if (v != null && (max == null || ExprEvaluator.compare(v, max) > 0)) {
      max = v;
    }
  }

  public void merge(AggregatePartial o) {
    count += o.count;
    addLongSum(o.longSum);
    if (o.doubleTyped) {
      addDoubleSum(o.doubleSum);
    }
    offerMin(o.min);
    offerMax(o.max);
  }

  public long count() {
    return count;
  }

  /**
   * The final value: COUNT a Long; SUM a Long or Double (NULL over no values); AVG a Double; MIN
   * and MAX storage values.
   */
  public Object result(AggFunction f) {
    return switch (f) {
      case COUNT_STAR, COUNT -> count;
      case SUM -> count == 0 ? null : doubleTyped ? (Object) doubleSum : (Object) longSum;
      case AVG -> count == 0 ? null : (doubleTyped ? doubleSum : (double) longSum) / count;
      case MIN -> min;
      case MAX -> max;
    };
  }
}
