package io.thermocline.engine.table;

import io.thermocline.common.schema.Schema;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.testkit.scan.ConformanceSchema;
import io.thermocline.testkit.scan.RandomRows;
import java.util.List;
import java.util.Random;

/**
 * The hybrid conformance checks on an equidistant series table (key region, period ts every
 * minute): its hot partition merges into series blocks, its cold tier is an ordinary cold table,
 * and every row obeys the series rules.
 */
class SeriesHybridTableConformanceTest extends HybridTableConformanceTest {
  private static final long STEP = 60_000_000L;

  @Override
  protected TableDefinition definition(Schema schema) {
    return super.definition(schema)
        .withSeries(
            new SeriesSpec(List.of(ConformanceSchema.REGION), ConformanceSchema.TS, STEP, true));
  }

  @Override
  protected RandomRows rows(Random random, long firstId) {
    return RandomRows.onSeriesGrid(random, firstId, STEP);
  }
}
