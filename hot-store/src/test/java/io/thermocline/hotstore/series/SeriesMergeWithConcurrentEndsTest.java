package io.thermocline.hotstore.series;

import io.thermocline.common.config.Config;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.MergeWithConcurrentEndsTest;
import java.util.List;

/** The concurrent-ends merge checks on a series main, which sorts rows by (tag, id). */
class SeriesMergeWithConcurrentEndsTest extends MergeWithConcurrentEndsTest {
  @Override
  protected ColumnPartition partition(String name, Config config) {
    return new ColumnPartition(
        name, SCHEMA, config, SeriesLayout.of(SCHEMA, List.of("tag"), "id", 1));
  }
}
