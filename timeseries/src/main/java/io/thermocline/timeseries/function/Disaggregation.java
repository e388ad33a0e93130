package io.thermocline.timeseries.function;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.Arrays;

/**
 * SERIES_DISAGGREGATE: spreads the values of a coarse series (each row stands for the period {@code
 * [t, t + coarseIncrement)}) over a finer grid {@code fineStart + j * fineIncrement}, {@code 0 <= j
 * < fineCount}. Grids need not align: a fine slot gets the share of a coarse period it overlaps.
 *
 * <ul>
 *   <li>{@link #evenly}: share = overlap / coarse period, so a coarse period fully inside the fine
 *       window keeps its sum, and a window cut through a period gets only its part of it.
 *   <li>{@link #byWeights}: share proportional to weight x overlap among the window's slots that
 *       the period overlaps (a load profile); the whole value lands in the window.
 * </ul>
 *
 * Fine slots no coarse row overlaps are NULL. Pure static functions; one output allocation per
 * call.
 */
public final class Disaggregation {
  private Disaggregation() {}

  /** Spreads each coarse value evenly in time; {@code coarseNulls} may be null. */
  public static FilledSeries evenly(
      long[] coarseTimestamps,
      double[] coarseValues,
      long[] coarseNulls,
      int rows,
      long coarseIncrement,
      long fineStart,
      long fineIncrement,
      int fineCount) {
    return spread(
        coarseTimestamps,
        coarseValues,
        coarseNulls,
        rows,
        coarseIncrement,
        fineStart,
        fineIncrement,
        fineCount,
        null);
  }

  /**
   * Spreads each coarse value in proportion to {@code fineWeights[j]} (one non-negative weight per
   * fine slot) times overlap.
   *
   * @throws ThermoException INVALID_ARGUMENT for a negative or non-finite weight, or a coarse
   *     period whose overlapped weights are all zero
   */
  public static FilledSeries byWeights(
      long[] coarseTimestamps,
      double[] coarseValues,
      long[] coarseNulls,
      int rows,
      long coarseIncrement,
      long fineStart,
      long fineIncrement,
      int fineCount,
      double[] fineWeights) {
    if (fineWeights.length < fineCount) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          fineWeights.length + " weights given for " + fineCount + " fine slots");
    }
    for (int j = 0; j < fineCount; j++) {
      double w = fineWeights[j];
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT, "weight " + w + " of fine slot " + j + " is not >= 0");
      }
    }
    return spread(
        coarseTimestamps,
        coarseValues,
        coarseNulls,
        rows,
        coarseIncrement,
        fineStart,
        fineIncrement,
        fineCount,
        fineWeights);
  }

  private static FilledSeries spread(
      long[] ts,
      double[] values,
      long[] valueNulls,
      int rows,
      long coarseIncrement,
      long fineStart,
      long fineIncrement,
      int fineCount,
      double[] weights) {
    SeriesGrid.requirePositive(coarseIncrement);
    SeriesGrid.requirePositive(fineIncrement);
    if (fineCount < 0 || rows < 0 || rows > ts.length || rows > values.length) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "disaggregation of " + rows + " rows onto " + fineCount + " slots is impossible");
    }
    double[] out = new double[fineCount];
    long[] nulls = NullBitmap.allocate(fineCount);
    Arrays.fill(nulls, -1L);
    for (int r = 0; r < rows; r++) {
      if (valueNulls != null && NullBitmap.get(valueNulls, r)) {
        continue;
      }
      long periodStart = ts[r];
      long periodEnd;
      try {
        periodEnd = Math.addExact(periodStart, coarseIncrement);
        Math.subtractExact(periodStart, fineStart);
        Math.subtractExact(periodEnd, fineStart);
      } catch (ArithmeticException e) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT, "coarse row " + r + " at " + periodStart + " out of range");
      }
      long first = Math.max(0, Math.floorDiv(periodStart - fineStart, fineIncrement));
      long last = Math.min(fineCount - 1L, Math.floorDiv(periodEnd - 1 - fineStart, fineIncrement));
      if (first > last) {
        continue;
      }
      double total;
      if (weights == null) {
        total = coarseIncrement;
      } else {
        total = 0;
        for (long j = first; j <= last; j++) {
          total += weights[(int) j] * overlap(j, fineStart, fineIncrement, periodStart, periodEnd);
        }
        if (total == 0) {
          throw new ThermoException(
              ErrorCode.INVALID_ARGUMENT,
              "coarse row " + r + " at " + periodStart + " overlaps only fine slots of weight 0");
        }
      }
      double v = values[r];
      for (long j = first; j <= last; j++) {
        double share = overlap(j, fineStart, fineIncrement, periodStart, periodEnd);
        if (weights != null) {
          share *= weights[(int) j];
        }
        out[(int) j] += v * share / total;
        NullBitmap.clear(nulls, (int) j);
      }
    }
    return new FilledSeries(out, nulls);
  }

  private static long overlap(
      long slot, long fineStart, long fineIncrement, long periodStart, long periodEnd) {
    long slotStart = fineStart + slot * fineIncrement;
    long slotEnd = slotStart + fineIncrement;
    return Math.min(slotEnd, periodEnd) - Math.max(slotStart, periodStart);
  }
}
