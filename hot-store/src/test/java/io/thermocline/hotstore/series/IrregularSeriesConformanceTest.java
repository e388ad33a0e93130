package io.thermocline.hotstore.series;

import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.ColumnPartitionConformanceTest;
import io.thermocline.testkit.scan.ConformanceSchema;
import java.util.List;

/**
 * The conformance checks on a non-equidistant series partition (key region, period ts, no
 * increment) fed the default rows: random times, repeats within a key, so runs store timestamps.
 */
class IrregularSeriesConformanceTest extends ColumnPartitionConformanceTest {
  @Override
  protected ColumnPartition partition(Schema schema) {
    SeriesLayout layout =
        SeriesLayout.of(schema, List.of(ConformanceSchema.REGION), ConformanceSchema.TS, 0);
    return new ColumnPartition("series-irregular", schema, Config.defaults(), layout);
  }
}
