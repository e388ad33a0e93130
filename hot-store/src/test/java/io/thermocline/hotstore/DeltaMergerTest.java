package io.thermocline.hotstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeltaMergerTest {
  private static final Schema SCHEMA = Schema.of(Column.notNull("id", DataType.BIGINT));

  private static List<Object[]> rows(long from, int n) {
    List<Object[]> out = new ArrayList<>();
    for (long i = from; i < from + n; i++) {
      out.add(new Object[] {i});
    }
    return out;
  }

  @Test
  void mergesPartitionsWhoseDeltaPassesTheThreshold() {
    Config config =
        Config.defaults()
            .with(HotStoreSettings.MERGE_DELTA_ROWS, 1_000L)
            .with(HotStoreSettings.MERGE_CHECK_INTERVAL_MS, 60_000L);
    AtomicLong oldest = new AtomicLong(1);
    try (ColumnPartition small = new ColumnPartition("small", SCHEMA, config);
        ColumnPartition big = new ColumnPartition("big", SCHEMA, config);
        DeltaMerger merger = new DeltaMerger(config, oldest::get)) {
      merger.register(small);
      merger.register(big);
      small.insertRows(1, rows(0, 999));
      big.insertRows(1, rows(0, 1_000));
      merger.nudge();
      await().atMost(Duration.ofSeconds(30)).until(() -> merger.mergeCount() == 1);
      assertThat(big.deltaRowCount()).isZero();
      assertThat(big.mainRowCount()).isEqualTo(1_000);
      assertThat(small.deltaRowCount()).isEqualTo(999);
      small.insertRows(2, rows(999, 1));
      oldest.set(2);
      merger.nudge();
      await().atMost(Duration.ofSeconds(30)).until(() -> merger.mergeCount() == 2);
      assertThat(small.mainRowCount()).isEqualTo(1_000);
      assertThat(small.rowCount(2)).isEqualTo(1_000);
      assertThat(merger.failureCount()).isZero();
    }
  }

  @Test
  void checksOnItsIntervalAndSkipsClosedPartitions() {
    Config config =
        Config.defaults()
            .with(HotStoreSettings.MERGE_DELTA_ROWS, 10L)
            .with(HotStoreSettings.MERGE_CHECK_INTERVAL_MS, 5L)
            .with(HotStoreSettings.MERGE_THREADS, 2);
    DeltaMerger merger = new DeltaMerger(config, () -> 1);
    ColumnPartition closed = new ColumnPartition("closed", SCHEMA, config);
    ColumnPartition open = new ColumnPartition("open", SCHEMA, config);
    closed.insertRows(1, rows(0, 100));
    closed.close();
    merger.register(closed);
    merger.register(open);
    open.insertRows(1, rows(0, 100));
    await().atMost(Duration.ofSeconds(30)).until(() -> open.deltaRowCount() == 0);
    merger.close();
    assertThat(merger.mergeCount()).isEqualTo(1);
    assertThat(merger.failureCount()).isZero();
    open.insertRows(2, rows(100, 100));
    assertThat(open.deltaRowCount()).as("a closed merger merges no more").isEqualTo(100);
    open.close();
  }
}
