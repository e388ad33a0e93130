package io.thermocline.hotstore.series;

import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.ColumnPartitionConformanceTest;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.scan.ConformanceSchema;
import java.util.List;

/**
 * The conformance checks on a series partition keyed by a VARCHAR and a DOUBLE (NaN, -0.0, NULL:
 * mostly one-row runs) with a one-second increment its random times rarely sit on.
 */
class MixedKeySeriesConformanceTest extends ColumnPartitionConformanceTest {
  @Override
  protected ColumnPartition partition(Schema schema) {
    SeriesLayout layout =
        SeriesLayout.of(
            schema,
            List.of(ConformanceSchema.LABEL, ConformanceSchema.RATIO),
            ConformanceSchema.TS,
            1_000_000L);
    return new ColumnPartition("series-mixed-key", schema, Config.defaults(), layout);
  }

  /** Nearly every row is a run of its own (a block per column), so merges are slow: fewer rows. */
  @Override
  protected int maxRowsPerInsert() {
    return TestSeed.longMode() ? 2_000 : 250;
  }
}
