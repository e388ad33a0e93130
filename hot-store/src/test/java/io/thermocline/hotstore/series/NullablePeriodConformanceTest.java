package io.thermocline.hotstore.series;

import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.ColumnPartitionConformanceTest;
import io.thermocline.testkit.scan.ConformanceSchema;
import java.util.List;

/**
 * The conformance checks on a series partition whose two-column key and period (a nullable DATE,
 * with repeats) hold NULLs: runs with a NULL period store it as an ordinary column.
 */
class NullablePeriodConformanceTest extends ColumnPartitionConformanceTest {
  @Override
  protected ColumnPartition partition(Schema schema) {
    SeriesLayout layout =
        SeriesLayout.of(
            schema,
            List.of(ConformanceSchema.FLAG, ConformanceSchema.QTY),
            ConformanceSchema.DAY,
            1);
    return new ColumnPartition("series-nullable", schema, Config.defaults(), layout);
  }
}
