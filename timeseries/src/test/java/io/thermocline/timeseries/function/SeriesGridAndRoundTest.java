package io.thermocline.timeseries.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ThermoException;
import org.junit.jupiter.api.Test;

class SeriesGridAndRoundTest {
  private static final long MINUTE = 60_000_000L;

  @Test
  void gridIsHalfOpen() {
    assertThat(SeriesGrid.generate(0, 10, 3)).containsExactly(0, 3, 6, 9);
    assertThat(SeriesGrid.generate(0, 9, 3)).containsExactly(0, 3, 6);
    assertThat(SeriesGrid.generate(-5, -4, 100)).containsExactly(-5);
    assertThat(SeriesGrid.generate(10, 10, 1)).isEmpty();
    assertThat(SeriesGrid.generate(10, 0, 1)).isEmpty();
    assertThat(SeriesGrid.size(0, 24 * 60 * MINUTE, 15 * MINUTE)).isEqualTo(96);
  }

  @Test
  void gridRefusesBadIncrementsAndHugeRanges() {
    assertThatThrownBy(() -> SeriesGrid.generate(0, 10, 0))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("increment");
    assertThatThrownBy(() -> SeriesGrid.size(Long.MIN_VALUE, Long.MAX_VALUE, 1))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("too wide");
    assertThatThrownBy(() -> SeriesGrid.size(0, Long.MAX_VALUE, 2))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("points");
  }

  @Test
  void indexOfFindsGridPositionsOnly() {
    assertThat(SeriesGrid.indexOf(130, 100, 10)).isEqualTo(3);
    assertThat(SeriesGrid.indexOf(80, 100, 10)).isEqualTo(-2);
    assertThat(SeriesGrid.indexOf(131, 100, 10)).isEqualTo(Long.MIN_VALUE);
    assertThat(SeriesGrid.indexOf(Long.MIN_VALUE, Long.MAX_VALUE, 1)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void roundingModes() {
    assertThat(SeriesRound.round(125, 10, 0, TimeRounding.DOWN)).isEqualTo(120);
    assertThat(SeriesRound.round(125, 10, 0, TimeRounding.UP)).isEqualTo(130);
    assertThat(SeriesRound.round(125, 10, 0, TimeRounding.HALF_UP)).isEqualTo(130);
    assertThat(SeriesRound.round(125, 10, 0, TimeRounding.HALF_DOWN)).isEqualTo(120);
    assertThat(SeriesRound.round(124, 10, 0, TimeRounding.HALF_UP)).isEqualTo(120);
    assertThat(SeriesRound.round(126, 10, 0, TimeRounding.HALF_DOWN)).isEqualTo(130);
    assertThat(SeriesRound.round(121, 10, 0, TimeRounding.UP)).isEqualTo(130);
    assertThat(SeriesRound.round(130, 10, 0, TimeRounding.UP)).isEqualTo(130);
  }

  @Test
  void bucketsFloorBeforeTheOriginAndFollowTheOrigin() {
    assertThat(SeriesRound.timeBucket(-1, 10, 0)).isEqualTo(-10);
    assertThat(SeriesRound.timeBucket(-10, 10, 0)).isEqualTo(-10);
    assertThat(SeriesRound.round(-5, 10, 0, TimeRounding.HALF_UP)).isEqualTo(0);
    assertThat(SeriesRound.round(-5, 10, 0, TimeRounding.HALF_DOWN)).isEqualTo(-10);
    assertThat(SeriesRound.timeBucket(12, 10, 3)).isEqualTo(3);
    assertThat(SeriesRound.timeBucket(13, 10, 3)).isEqualTo(13);
    // 15-minute buckets offset by 5 minutes, in microseconds.
    long origin = 5 * MINUTE;
    assertThat(SeriesRound.timeBucket(19 * MINUTE + 59_999_999L, 15 * MINUTE, origin))
        .isEqualTo(5 * MINUTE);
    assertThat(SeriesRound.timeBucket(20 * MINUTE, 15 * MINUTE, origin)).isEqualTo(20 * MINUTE);
  }

  @Test
  void arrayFormsWorkInPlace() {
    long[] ts = {1, 14, 15, 29};
    SeriesRound.timeBucket(ts, ts, 4, 15, 0);
    assertThat(ts).containsExactly(0, 0, 15, 15);
    long[] r = {1, 8, 22};
    SeriesRound.round(r, r, 3, 15, 0, TimeRounding.HALF_UP);
    assertThat(r).containsExactly(0, 15, 15);
  }

  @Test
  void roundingPastTheLongRangeIsRefused() {
    assertThatThrownBy(() -> SeriesRound.round(Long.MAX_VALUE, 10, 0, TimeRounding.UP))
        .isInstanceOf(ThermoException.class);
    assertThatThrownBy(() -> SeriesRound.round(Long.MIN_VALUE, 10, Long.MAX_VALUE, TimeRounding.UP))
        .isInstanceOf(ThermoException.class);
    assertThat(SeriesRound.round(Long.MIN_VALUE, 10, Long.MIN_VALUE, TimeRounding.UP))
        .isEqualTo(Long.MIN_VALUE);
  }
}
