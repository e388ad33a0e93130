package io.thermocline.testkit.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.testkit.TestSeed;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rows for a series table: every time on the grid, no (region, time) twice. */
class SeriesGridRowsTest {
  @Test
  void timesAreDistinctGridPointsPerRegion() {
    long seed = TestSeed.resolve("SeriesGridRowsTest");
    long step = 60_000_000L;
    RandomRows gen = RandomRows.onSeriesGrid(new Random(seed), 1, step);
    Set<List<Object>> elements = new HashSet<>();
    for (Object[] r : gen.rows(50_000)) {
      long ts = (Long) r[1];
      assertThat(Math.floorMod(ts, step)).as("[seed=%d] %d off the grid", seed, ts).isZero();
      assertThat(elements.add(Arrays.asList(r[7], ts)))
          .as("[seed=%d] region %s has %d twice", seed, r[7], ts)
          .isTrue();
    }
    assertThat(elements).hasSize(50_000);
  }
}
