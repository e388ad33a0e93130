package io.thermocline.hotstore.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.ColumnPartitionConformanceTest;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.scan.ConformanceSchema;
import io.thermocline.testkit.scan.RandomRows;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The conformance checks on the hot partition of an equidistant series table (key region, period ts
 * every minute) fed rows such a table accepts: one per region and grid point, with missing points,
 * back-filled points and the odd jump too sparse for a grid.
 */
class SeriesPartitionConformanceTest extends ColumnPartitionConformanceTest {
  static final long STEP = 60_000_000L;

  @Override
  protected ColumnPartition partition(Schema schema) {
    SeriesLayout layout =
        SeriesLayout.of(schema, List.of(ConformanceSchema.REGION), ConformanceSchema.TS, STEP);
    return new ColumnPartition("series-conformance", schema, Config.defaults(), layout);
  }

  @Override
  protected RandomRows rows(Random random, long firstId) {
    return RandomRows.onSeriesGrid(random, firstId, STEP);
  }

  /**
   * Guards the checks above: the generated rows must reach the grid encoding, not only timestamps.
   */
  @Test
  void gridRowsAreStoredAsGrids() {
    Random random = new Random(TestSeed.resolve("SeriesPartitionConformanceTest.grids"));
    try (ColumnPartition p = partition(ConformanceSchema.schema())) {
      p.insertRows(1, rows(random, 1).rows(5_000));
      p.mergeDelta(1);
      SeriesMain main = p.seriesMain();
      assertThat(main.rowCount()).isEqualTo(5_000);
      // Not all: the rare far jump (about one per 5,000 rows) makes its run store timestamps.
      assertThat(main.equidistantRuns()).isPositive();
    }
  }
}
