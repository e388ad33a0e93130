package io.thermocline.hotstore.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.config.Config;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.hotstore.ColumnPartition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BIGINT periods near the ends of the long range, where the distance between a run's first and last
 * period overflows although every step fits: they must round-trip, whatever the encoding.
 */
class ExtremePeriodsTest {
  private static final Schema SCHEMA =
      Schema.of(
          Column.notNull("k", DataType.INTEGER),
          Column.notNull("p", DataType.BIGINT),
          Column.nullable("v", DataType.DOUBLE));

  private static final long[][] RUNS = {
    {-6_000_000_000_000_000_000L, -1_000_000_000_000_000_000L, 4_000_000_000_000_000_000L},
    {Long.MIN_VALUE, 0, Long.MAX_VALUE},
    {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE + 2},
    {Long.MAX_VALUE - 4, Long.MAX_VALUE - 2, Long.MAX_VALUE},
    {Long.MIN_VALUE, Long.MAX_VALUE},
  };

  @Test
  void periodsRoundTripWithAndWithoutIncrement() {
    List<Object[]> rows = new ArrayList<>();
    for (int k = 0; k < RUNS.length; k++) {
      for (long p : RUNS[k]) {
        rows.add(new Object[] {(long) k, p, (double) rows.size()});
      }
    }
    for (long increment : new long[] {0, 1, 2}) {
      SeriesLayout layout = SeriesLayout.of(SCHEMA, List.of("k"), "p", increment);
      try (ColumnPartition part =
          new ColumnPartition("extreme", SCHEMA, Config.defaults(), layout)) {
        part.insertRows(1, rows);
        part.mergeDelta(1);
        assertThat(part.seriesMain().rowCount()).isEqualTo(rows.size());
        List<Object[]> out = new ArrayList<>();
        try (BatchCursor c = part.scan(ScanRequest.at(1))) {
          for (ColumnBatch b = c.next(); b != null; b = c.next()) {
            out.addAll(b.rows());
          }
        }
        assertThat(out)
            .as("increment %d", increment)
            .usingRecursiveFieldByFieldElementComparator()
            .containsExactlyElementsOf(rows);
      }
    }
  }
}
