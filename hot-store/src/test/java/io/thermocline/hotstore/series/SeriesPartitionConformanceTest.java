package io.thermocline.hotstore.series;

import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.ColumnPartitionConformanceTest;
import io.thermocline.testkit.scan.ConformanceSchema;
import java.util.List;

/** The shared scan conformance checks on a series partition: key (region), period ts. */
class SeriesPartitionConformanceTest extends ColumnPartitionConformanceTest {
  @Override
  protected ColumnPartition partition(Schema schema) {
    SeriesLayout layout =
        SeriesLayout.of(schema, List.of(ConformanceSchema.REGION), ConformanceSchema.TS, 0);
    return new ColumnPartition("series-conformance", schema, Config.defaults(), layout);
  }
}
