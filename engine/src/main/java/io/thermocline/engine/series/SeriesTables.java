package io.thermocline.engine.series;

import io.thermocline.common.config.Config;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.txn.KeySet;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.series.SeriesLayout;

/**
 * What the engine builds differently for a series table: a hot partition whose merged main holds
 * encoded series blocks, and a key index that also holds every (series key, period). Stateless.
 */
public final class SeriesTables {
  private SeriesTables() {}

  /** The hot partition of a table: a series partition for a series table. */
  public static ColumnPartition hotPartition(TableDefinition d, Config config) {
    SeriesSpec s = d.series();
    if (s == null) {
      return new ColumnPartition(d.name(), d.schema(), config);
    }
    SeriesLayout layout =
        SeriesLayout.of(d.schema(), s.seriesKey(), s.periodColumn(), s.step(d.schema()));
    return new ColumnPartition(d.name(), d.schema(), config, layout);
  }

  /** The key index of a table (null: none): primary key, series elements, or both. */
  public static KeySet keySet(TableDefinition d) {
    KeySet primary = KeySet.forSchema(d.schema());
    if (d.series() == null) {
      return primary;
    }
    SeriesKeySet series = SeriesKeySet.of(d.name(), d.schema(), d.series());
    return primary == null ? series : new KeysWithSeries(primary, series);
  }
}
