package io.thermocline.hotstore.series;

import io.thermocline.common.config.Config;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.ConcurrentSnapshotTest;
import java.util.List;

/** Readers against writers and merges on a series main (series key host, period id). */
class SeriesConcurrentSnapshotTest extends ConcurrentSnapshotTest {
  @Override
  protected ColumnPartition partition(String name, Config config) {
    return new ColumnPartition(
        name, SCHEMA, config, SeriesLayout.of(SCHEMA, List.of("host"), "id", 1));
  }
}
