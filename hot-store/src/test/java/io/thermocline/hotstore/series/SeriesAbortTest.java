package io.thermocline.hotstore.series;

import io.thermocline.common.config.Config;
import io.thermocline.hotstore.AbortTest;
import io.thermocline.hotstore.ColumnPartition;
import java.util.List;

/** The abort checks on a series main (series key v, period id). */
class SeriesAbortTest extends AbortTest {
  @Override
  protected ColumnPartition partition(String name, Config config) {
    return new ColumnPartition(
        name, SCHEMA, config, SeriesLayout.of(SCHEMA, List.of("v"), "id", 1));
  }
}
