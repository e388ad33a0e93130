package io.thermocline.timeseries.function;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.Arrays;

/**
 * Gap filling onto an equidistant grid: the rows of a series (timestamps on the grid, strictly
 * increasing) become one value per grid position {@code gridStart + i * increment}, {@code 0 <= i <
 * gridCount}, with positions that have no row, or a NULL value, filled by a {@link GapFillMethod}.
 * Rows outside the grid window still serve as neighbours, so PREVIOUS, NEXT and LINEAR at the edges
 * of a window agree with the same fill over a wider window. Pure static functions; one output
 * allocation per call.
 */
public final class GapFill {
  private GapFill() {}

  /** Gap filling of rows without NULL values; {@code constant} is used by CONSTANT only. */
  public static FilledSeries fill(
      long[] timestamps,
      double[] values,
      int rows,
      long gridStart,
      long increment,
      int gridCount,
      GapFillMethod method,
      double constant) {
    return fill(timestamps, values, null, rows, gridStart, increment, gridCount, method, constant);
  }

  /**
   * Gap filling; rows whose bit is set in {@code valueNulls} (may be null) count as gaps.
   *
   * @throws ThermoException INVALID_ARGUMENT when a timestamp is off the grid or not after the
   *     previous one
   */
  public static FilledSeries fill(
      long[] timestamps,
      double[] values,
      long[] valueNulls,
      int rows,
      long gridStart,
      long increment,
      int gridCount,
      GapFillMethod method,
      double constant) {
    SeriesGrid.requirePositive(increment);
    if (gridCount < 0 || rows < 0 || rows > timestamps.length || rows > values.length) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "gap fill of " + rows + " rows onto " + gridCount + " grid positions is impossible");
    }
    double[] out = new double[gridCount];
    long[] nulls = NullBitmap.allocate(gridCount);
    Arrays.fill(nulls, -1L);
    Filler filler = new Filler(out, nulls, method, constant);
    boolean havePrevious = false;
    long previousPosition = 0;
    double previousValue = 0;
    for (int r = 0; r < rows; r++) {
      long ts = timestamps[r];
      if (r > 0 && ts <= timestamps[r - 1]) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "gap fill needs increasing timestamps: row "
                + r
                + " has "
                + ts
                + " after "
                + timestamps[r - 1]);
      }
      long position = SeriesGrid.indexOf(ts, gridStart, increment);
      if (position == Long.MIN_VALUE) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "row "
                + r
                + " at "
                + ts
                + " is off the grid "
                + gridStart
                + " + k * "
                + increment
                + "; round it first");
      }
      if (valueNulls != null && NullBitmap.get(valueNulls, r)) {
        continue;
      }
      double v = values[r];
      if (havePrevious) {
        filler.between(previousPosition, previousValue, position, v);
      } else {
        filler.before(position, v);
      }
      filler.set(position, v);
      havePrevious = true;
      previousPosition = position;
      previousValue = v;
    }
    if (havePrevious) {
      filler.after(previousPosition, previousValue);
    } else {
      filler.none();
    }
    return new FilledSeries(out, nulls);
  }

  /** Writes fills into the output of one call; positions outside the window are clipped. */
  private static final class Filler {
    private final double[] out;
    private final long[] nulls;
    private final GapFillMethod method;
    private final double constant;

    Filler(double[] out, long[] nulls, GapFillMethod method, double constant) {
      this.out = out;
      this.nulls = nulls;
      this.method = method;
      this.constant = constant;
    }

    void set(long position, double v) {
      if (position >= 0 && position < out.length) {
        out[(int) position] = v;
        NullBitmap.clear(nulls, (int) position);
      }
    }

    /** Positions strictly before the first value at {@code position}. */
    void before(long position, double next) {
      int to = clipEnd(position);
      if (method == GapFillMethod.NEXT) {
        fillConstant(0, to, next);
      } else if (method == GapFillMethod.CONSTANT) {
        fillConstant(0, to, constant);
      }
    }

    /** Positions strictly between two values. */
    void between(long from, double fromValue, long to, double toValue) {
      int start = clipStart(from);
      int end = clipEnd(to);
      switch (method) {
        case PREVIOUS:
          fillConstant(start, end, fromValue);
          break;
        case NEXT:
          fillConstant(start, end, toValue);
          break;
        case CONSTANT:
          fillConstant(start, end, constant);
          break;
        case LINEAR:
          double span = (double) (to - from);
          double rise = toValue - fromValue;
          for (int q = start; q < end; q++) {
            out[q] = fromValue + rise * ((q - from) / span);
            NullBitmap.clear(nulls, q);
          }
          break;
        case NULL:
          break;
        default:
          throw new IllegalStateException("unhandled gap fill " + method);
      }
    }

    /** Positions strictly after the last value at {@code position}. */
    void after(long position, double previous) {
      int start = clipStart(position);
      if (method == GapFillMethod.PREVIOUS) {
        fillConstant(start, out.length, previous);
      } else if (method == GapFillMethod.CONSTANT) {
        fillConstant(start, out.length, constant);
      }
    }

    /** No value at all. */
    void none() {
      if (method == GapFillMethod.CONSTANT) {
        fillConstant(0, out.length, constant);
      }
    }

    /** First window position after {@code position}. */
    private int clipStart(long position) {
      return (int) Math.max(0, Math.min(out.length, position + 1));
    }

    /** Window position bound (exclusive) before {@code position}. */
    private int clipEnd(long position) {
      return (int) Math.max(0, Math.min(out.length, position));
    }

    private void fillConstant(int from, int to, double v) {
      for (int q = from; q < to; q++) {
        out[q] = v;
        NullBitmap.clear(nulls, q);
      }
    }
  }
}
