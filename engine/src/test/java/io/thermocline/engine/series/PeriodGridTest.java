package io.thermocline.engine.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.catalog.SeriesSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grid of a BIGINT period whose values lie further from MINVALUE than a long can count. */
class PeriodGridTest {
  private static final Schema SCHEMA =
      Schema.of(Column.notNull("k", DataType.INTEGER), Column.notNull("p", DataType.BIGINT));

  @Test
  void gridPointsFarFromTheOriginAreOnTheGrid() {
    long origin = -5_000_000_000_000_000_000L;
    PeriodGrid grid =
        new PeriodGrid(new SeriesSpec(List.of("k"), "p", 3, true, origin, null), SCHEMA);
    long far = origin + 3 * 3_333_333_333_333_333_333L; // t - origin overflows
    assertThat(grid.onGrid(far)).isTrue();
    assertThat(grid.onGrid(far - 1)).isFalse();
    assertThat(grid.onGrid(Long.MAX_VALUE)).isEqualTo(Math.floorMod(Long.MAX_VALUE - far, 3) == 0);
    assertThat(grid.below(far + 2)).isEqualTo(far);
    assertThat(grid.below(far)).isEqualTo(far);
    assertThat(grid.onGrid(origin)).isTrue();
    assertThat(grid.below(origin - 1)).isEqualTo(origin - 3);
  }
}
