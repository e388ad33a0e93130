package io.thermocline.engine.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.coldstore.ColdPartitioning;
import io.thermocline.coldstore.ColdSettings;
import io.thermocline.coldstore.ColdStore;
import io.thermocline.coldstore.ColdStoreOptions;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.ExprBinder;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.catalog.TableKind;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.testkit.scan.RowAssert;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The union plan skips the hot tier when the filter's range on the time column misses every time
 * the hot tier held: proven by closing the hot partition, which fails any scan that reaches it.
 */
class TierSkipTest {
  private static final Schema SCHEMA =
      Schema.of(Column.notNull("id", DataType.BIGINT), Column.notNull("ts", DataType.TIMESTAMP))
          .withTimeColumn("ts");

  @TempDir Path dir;

  @Test
  void timeRangesFollowTheFilter() {
    int ts = 1;
    assertThat(TimeRange.implied(ExprBinder.bind(Expr.lt("ts", 10L), SCHEMA), ts))
        .isEqualTo(new TimeRange(Long.MIN_VALUE, 9));
    assertThat(
            TimeRange.implied(
                ExprBinder.bind(Expr.and(Expr.ge("ts", 5L), Expr.between("ts", 0L, 7L)), SCHEMA),
                ts))
        .isEqualTo(new TimeRange(5, 7));
    assertThat(
            TimeRange.implied(
                ExprBinder.bind(Expr.or(Expr.lt("ts", 1L), Expr.gt("ts", 9L)), SCHEMA), ts))
        .isEqualTo(TimeRange.ALL);
    assertThat(TimeRange.implied(ExprBinder.bind(Expr.gt("id", 9L), SCHEMA), ts))
        .isEqualTo(TimeRange.ALL);
    assertThat(new TimeRange(1, 5).overlaps(new TimeRange(5, 9))).isTrue();
    assertThat(new TimeRange(1, 5).overlaps(new TimeRange(6, 9))).isFalse();
    assertThat(TimeRange.EMPTY.overlaps(TimeRange.ALL)).isFalse();
  }

  @Test
  void theHotTierIsSkippedOutsideItsTimeRange() {
    Config config = Config.defaults().with(ColdSettings.SYNC_METADATA, false);
    try (ColdStore store = ColdStore.open(ColdStoreOptions.of(dir).withConfig(config))) {
      ColumnPartition hot = new ColumnPartition("t", SCHEMA, config);
      TableDefinition d =
          new TableDefinition(
              "t",
              TableKind.HYBRID,
              SCHEMA,
              null,
              null,
              null,
              false,
              ColdPartitioning.NONE,
              null,
              0,
              1,
              0);
      HybridTable t = new HybridTable(d, hot, store.table("t", SCHEMA), null, 10);
      List<Object[]> old = new ArrayList<>();
      List<Object[]> recent = new ArrayList<>();
      for (long i = 0; i < 50; i++) {
        old.add(new Object[] {i, i});
        recent.add(new Object[] {100 + i, 1_000 + i});
      }
      t.insert(
          1,
          List.of(RowBatches.fromRows(SCHEMA, recent)),
          List.of(RowBatches.fromRows(SCHEMA, old)),
          new TierTouches());
      assertThat(t.hotMayMatch(Expr.lt("ts", 1_000L))).isFalse();
      assertThat(t.hotMayMatch(Expr.le("ts", 1_000L))).isTrue();
      hot.close();
      ScanRequest early = ScanRequest.at(1).withFilter(Expr.lt("ts", 1_000L));
      RowAssert.assertSameRows(
          "cold rows only", old, RowAssert.drain(t.scan(early), "scan of the cold tier"));
      assertThat(
              t.aggregate(early, AggregateSpec.of(List.of(), AggregateCall.countStar()))
                  .rows()
                  .get(0)[0])
          .isEqualTo(50L);
      assertThatThrownBy(() -> RowAssert.drain(t.scan(ScanRequest.at(1)), "full scan"))
          .as("a scan that needs the hot tier reaches it")
          .hasMessageContaining("closed");
    }
  }
}
