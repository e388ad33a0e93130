package io.thermocline.timeseries.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import org.junit.jupiter.api.Test;

class GapFillTest {
  private static final Double N = null;

  // Grid 100, 110, ..., 170. Rows at 120 (2.0), 150 (8.0) and 160 (NULL).
  private static final long[] TS = {120, 150, 160};
  private static final double[] V = {2.0, 8.0, 99.0};
  private static final long[] V_NULLS = nullsAt(3, 2);

  private static FilledSeries fill(GapFillMethod method) {
    return GapFill.fill(TS, V, V_NULLS, 3, 100, 10, 8, method, -1.0);
  }

  @Test
  void nullLeavesGaps() {
    assertFilled(fill(GapFillMethod.NULL), N, N, 2.0, N, N, 8.0, N, N);
  }

  @Test
  void previousCarriesTheLastValueForwardAndLeavesTheLeadingGap() {
    assertFilled(fill(GapFillMethod.PREVIOUS), N, N, 2.0, 2.0, 2.0, 8.0, 8.0, 8.0);
  }

  @Test
  void nextCarriesTheNextValueBackAndLeavesTheTrailingGap() {
    assertFilled(fill(GapFillMethod.NEXT), 2.0, 2.0, 2.0, 8.0, 8.0, 8.0, N, N);
  }

  @Test
  void linearInterpolatesInsideAndLeavesBothEnds() {
    assertFilled(fill(GapFillMethod.LINEAR), N, N, 2.0, 4.0, 6.0, 8.0, N, N);
  }

  @Test
  void constantFillsEveryGapIncludingBothEnds() {
    assertFilled(fill(GapFillMethod.CONSTANT), -1.0, -1.0, 2.0, -1.0, -1.0, 8.0, -1.0, -1.0);
  }

  @Test
  void rowsOutsideTheWindowAnchorBothEnds() {
    long[] ts = {80, 120, 200};
    double[] v = {0.0, 2.0, 10.0};
    // Positions: 80 is -2, 120 is 2, 200 is 10 on the grid 100 + 10k.
    assertFilled(
        GapFill.fill(ts, v, 3, 100, 10, 8, GapFillMethod.LINEAR, 0),
        1.0,
        1.5,
        2.0,
        3.0,
        4.0,
        5.0,
        6.0,
        7.0);
    assertFilled(
        GapFill.fill(ts, v, 3, 100, 10, 8, GapFillMethod.PREVIOUS, 0),
        0.0,
        0.0,
        2.0,
        2.0,
        2.0,
        2.0,
        2.0,
        2.0);
    assertFilled(
        GapFill.fill(ts, v, 3, 100, 10, 8, GapFillMethod.NEXT, 0),
        2.0,
        2.0,
        2.0,
        10.0,
        10.0,
        10.0,
        10.0,
        10.0);
  }

  @Test
  void linearWithUnevenGapsUsesTimeNotRowNumber() {
    long[] ts = {0, 30, 40};
    double[] v = {3.0, 0.0, 10.0};
    assertFilled(
        GapFill.fill(ts, v, 3, 0, 10, 5, GapFillMethod.LINEAR, 0), 3.0, 2.0, 1.0, 0.0, 10.0);
  }

  @Test
  void singlePointSeries() {
    long[] ts = {130};
    double[] v = {5.0};
    assertFilled(GapFill.fill(ts, v, 1, 100, 10, 5, GapFillMethod.PREVIOUS, 0), N, N, N, 5.0, 5.0);
    assertFilled(GapFill.fill(ts, v, 1, 100, 10, 5, GapFillMethod.NEXT, 0), 5.0, 5.0, 5.0, 5.0, N);
    assertFilled(GapFill.fill(ts, v, 1, 100, 10, 5, GapFillMethod.LINEAR, 0), N, N, N, 5.0, N);
    assertFilled(GapFill.fill(ts, v, 1, 100, 10, 5, GapFillMethod.NULL, 0), N, N, N, 5.0, N);
    assertFilled(
        GapFill.fill(ts, v, 1, 100, 10, 5, GapFillMethod.CONSTANT, 0.5), 0.5, 0.5, 0.5, 5.0, 0.5);
  }

  @Test
  void noRowsAtAll() {
    long[] ts = {};
    double[] v = {};
    assertFilled(GapFill.fill(ts, v, 0, 0, 1, 3, GapFillMethod.LINEAR, 0), N, N, N);
    assertFilled(GapFill.fill(ts, v, 0, 0, 1, 3, GapFillMethod.PREVIOUS, 0), N, N, N);
    assertFilled(GapFill.fill(ts, v, 0, 0, 1, 3, GapFillMethod.CONSTANT, 7), 7.0, 7.0, 7.0);
    assertThat(GapFill.fill(ts, v, 0, 0, 1, 0, GapFillMethod.NEXT, 0).size()).isZero();
  }

  @Test
  void aFullGridPassesThroughUnchanged() {
    long[] ts = {0, 1, 2};
    double[] v = {Double.NaN, -0.0, Double.POSITIVE_INFINITY};
    FilledSeries f = GapFill.fill(ts, v, 3, 0, 1, 3, GapFillMethod.LINEAR, 0);
    assertThat(f.nullCount()).isZero();
    assertThat(Double.doubleToRawLongBits(f.values()[1]))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(f.values()[0]).isNaN();
  }

  @Test
  void offGridAndUnorderedRowsAreRejectedByName() {
    assertThatThrownBy(
            () ->
                GapFill.fill(
                    new long[] {100, 125}, new double[2], 2, 100, 10, 3, GapFillMethod.NULL, 0))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("125")
        .hasMessageContaining("off the grid");
    assertThatThrownBy(
            () ->
                GapFill.fill(
                    new long[] {110, 110}, new double[2], 2, 100, 10, 3, GapFillMethod.NULL, 0))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("row 1");
    assertThatThrownBy(
            () -> GapFill.fill(new long[0], new double[0], 0, 0, 0, 3, GapFillMethod.NULL, 0))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("increment");
  }

  static long[] nullsAt(int size, int... positions) {
    long[] b = NullBitmap.allocate(size);
    for (int p : positions) {
      NullBitmap.set(b, p);
    }
    return b;
  }

  static void assertFilled(FilledSeries f, Double... expected) {
    assertThat(f.size()).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] == null) {
        assertThat(f.isNull(i)).as("position %d is NULL", i).isTrue();
      } else {
        assertThat(f.isNull(i)).as("position %d is not NULL", i).isFalse();
        assertThat(f.values()[i]).as("position %d", i).isEqualTo(expected[i]);
      }
    }
  }
}
