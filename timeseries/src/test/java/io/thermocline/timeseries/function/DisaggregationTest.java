package io.thermocline.timeseries.function;

import static io.thermocline.timeseries.function.GapFillTest.assertFilled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.thermocline.common.error.ThermoException;
import io.thermocline.timeseries.TestSeeds;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DisaggregationTest {
  private static final Double N = null;

  @Test
  void dailyToHourlyEvenly() {
    FilledSeries f =
        Disaggregation.evenly(new long[] {0, 24}, new double[] {24, 48}, null, 2, 24, 0, 1, 48);
    for (int h = 0; h < 48; h++) {
      assertThat(f.values()[h]).isEqualTo(h < 24 ? 1.0 : 2.0);
    }
    assertThat(sum(f)).isEqualTo(72.0);
  }

  @Test
  void unalignedGridsShareByOverlap() {
    // One period [0, 10) onto slots [0,4) [4,8) [8,12): overlaps 4, 4, 2.
    assertFilled(
        Disaggregation.evenly(new long[] {0}, new double[] {10}, null, 1, 10, 0, 4, 3),
        4.0,
        4.0,
        2.0);
    // A window cut through the period gets only its part when spreading evenly.
    assertFilled(
        Disaggregation.evenly(new long[] {0}, new double[] {10}, null, 1, 10, 4, 4, 1), 4.0);
  }

  @Test
  void weightsShapeTheSplit() {
    assertFilled(
        Disaggregation.byWeights(
            new long[] {0}, new double[] {100}, null, 1, 4, 0, 1, 4, new double[] {1, 1, 2, 0}),
        25.0,
        25.0,
        50.0,
        0.0);
    // Unaligned: slots [0,4) [4,8) of weight 1 and 3 overlap [2, 6) by 2 and 2: shares 2 and 6.
    assertFilled(
        Disaggregation.byWeights(
            new long[] {2}, new double[] {8}, null, 1, 4, 0, 4, 2, new double[] {1, 3}),
        2.0,
        6.0);
  }

  @Test
  void uncoveredSlotsAndNullRowsStayNull() {
    FilledSeries f =
        Disaggregation.evenly(
            new long[] {0, 2, 4},
            new double[] {2, 99, 4},
            GapFillTest.nullsAt(3, 1),
            3,
            2,
            0,
            1,
            8);
    assertFilled(f, 1.0, 1.0, N, N, 2.0, 2.0, N, N);
  }

  @Test
  void badWeightsAreRefused() {
    assertThatThrownBy(
            () ->
                Disaggregation.byWeights(
                    new long[] {0}, new double[] {1}, null, 1, 2, 0, 1, 2, new double[] {0, 0}))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("weight 0");
    assertThatThrownBy(
            () ->
                Disaggregation.byWeights(
                    new long[] {0}, new double[] {1}, null, 1, 2, 0, 1, 2, new double[] {1, -1}))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("slot 1");
  }

  @Test
  void sumsArePreservedOnRandomSeries() {
    long seed = TestSeeds.resolve("DisaggregationTest.sums");
    Random rnd = new Random(seed);
    for (int round = 0; round < 200; round++) {
      int rows = 1 + rnd.nextInt(50);
      long coarse = 1 + rnd.nextInt(1000);
      long fine = 1 + rnd.nextInt((int) coarse + 5);
      long[] ts = new long[rows];
      double[] v = new double[rows];
      double total = 0;
      long start = rnd.nextInt(2000) - 1000;
      for (int r = 0; r < rows; r++) {
        ts[r] = start + r * coarse;
        v[r] = rnd.nextGaussian() * 100;
        total += v[r];
      }
      long fineStart = start - rnd.nextInt((int) fine + 1);
      int fineCount = (int) ((start + rows * coarse - fineStart) / fine + 1);
      double[] weights = new double[fineCount];
      for (int j = 0; j < fineCount; j++) {
        weights[j] = 0.5 + rnd.nextDouble();
      }
      String why =
          "round " + round + ", seed " + seed + " (replay with -Dthermo.seed=" + seed + ")";
      assertThat(sum(Disaggregation.evenly(ts, v, null, rows, coarse, fineStart, fine, fineCount)))
          .as(why)
          .isCloseTo(total, within(1e-9 * (1 + Math.abs(total)) * rows));
      assertThat(
              sum(
                  Disaggregation.byWeights(
                      ts, v, null, rows, coarse, fineStart, fine, fineCount, weights)))
          .as(why)
          .isCloseTo(total, within(1e-9 * (1 + Math.abs(total)) * rows));
    }
  }

  private static double sum(FilledSeries f) {
    double s = 0;
    for (int i = 0; i < f.size(); i++) {
      if (!f.isNull(i)) {
        s += f.values()[i];
      }
    }
    return s;
  }
}
