package io.thermocline.hotstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ends that the writer stamps while a merge builds (after the build has read the end stamps) reach
 * the new main through the old-to-new position map; rows inserted meanwhile stay in the fresh
 * delta; readers of every snapshot see the same rows before, during and after the swap.
 */
public class MergeWithConcurrentEndsTest {
  protected static final Schema SCHEMA =
      Schema.of(Column.notNull("id", DataType.BIGINT), Column.nullable("tag", DataType.varchar(4)));

  /** The partition under test; a subclass tests series mains, which reorder rows. */
  protected ColumnPartition partition(String name, Config config) {
    return new ColumnPartition(name, SCHEMA, config);
  }

  private static List<Object[]> rows(long from, int n) {
    List<Object[]> out = new ArrayList<>();
    for (long id = from; id < from + n; id++) {
      out.add(new Object[] {id, id % 3 == 0 ? null : "t" + id % 5});
    }
    return out;
  }

  private static long sumIds(ColumnPartition p, long snapshot) {
    Object v =
        p.aggregate(ScanRequest.at(snapshot), AggregateSpec.of(List.of(), AggregateCall.sum("id")))
            .rows()
            .get(0)[0];
    return v == null ? 0 : (Long) v;
  }

  @Test
  public void endsDuringTheBuildReachTheNewMain() {
    Config config = Config.defaults().with(HotStoreSettings.BATCH_SIZE, 256);
    try (ColumnPartition p = partition("merge-ends", config)) {
      p.insertRows(1, rows(0, 10_000)); // becomes the old main
      p.mergeDelta(1);
      p.insertRows(2, rows(10_000, 5_000)); // becomes the frozen delta
      assertThat(p.endRows(3, 2, Expr.lt("id", 100L))).isEqualTo(100); // ended before the merge
      long[] during = new long[6];
      p.beforeSwap =
          () -> {
            // The build is done; these ends and inserts happen before the swap.
            assertThat(p.endRows(4, 3, Expr.between("id", 5_000L, 5_099L))).isEqualTo(100);
            assertThat(p.endRows(5, 4, Expr.between("id", 12_000L, 12_049L))).isEqualTo(50);
            p.insertRows(6, rows(20_000, 1_000));
            assertThat(p.endRows(7, 6, Expr.between("id", 20_000L, 20_009L))).isEqualTo(10);
            for (int s = 2; s <= 7; s++) {
              during[s - 2] = p.rowCount(s);
            }
          };
      MergeResult r = p.mergeDelta(2);
      p.beforeSwap = null;
      assertThat(r.merged()).isTrue();
      assertThat(r.mergedDeltaRows()).isEqualTo(5_000);
      assertThat(r.droppedRows()).isZero(); // ended at 3, after the oldest live snapshot 2
      assertThat(p.deltaRowCount()).isEqualTo(1_000);
      long[] expected = {15_000, 14_900, 14_800, 14_750, 15_750, 15_740};
      for (int s = 2; s <= 7; s++) {
        assertThat(during[s - 2]).as("during, snapshot %d", s).isEqualTo(expected[s - 2]);
        assertThat(p.rowCount(s)).as("after, snapshot %d", s).isEqualTo(expected[s - 2]);
      }
      // The new main carries the ends: a later delete of the same rows finds none.
      assertThat(p.endRows(8, 7, Expr.between("id", 5_000L, 5_099L))).isZero();
      assertThat(p.endRows(8, 7, Expr.between("id", 12_000L, 12_049L))).isZero();
      // Now nothing older than 7 is live: the ended versions are dropped, creates collapse.
      MergeResult gc = p.mergeDelta(7);
      assertThat(gc.droppedRows()).isEqualTo(260);
      assertThat(p.mainRowCount()).isEqualTo(15_740);
      assertThat(p.rowCount(7)).isEqualTo(15_740);
      long want = 0;
      for (long id = 0; id < 21_000; id++) {
        boolean gone =
            id < 100
                || (id >= 5_000 && id < 5_100)
                || (id >= 12_000 && id < 12_050)
                || (id >= 15_000 && id < 20_000)
                || (id >= 20_000 && id < 20_010);
        want += gone ? 0 : id;
      }
      assertThat(sumIds(p, 7)).isEqualTo(want);
      assertThat(p.memoryUsage().mvccBytes()).isLessThan(1_000);
    }
  }

  @Test
  public void mergeWithNothingToDoIsANoOp() {
    try (ColumnPartition p = partition("noop", Config.defaults())) {
      assertThat(p.mergeDelta(0).merged()).isFalse();
      p.insertRows(1, rows(0, 10));
      assertThat(p.mergeDelta(1).merged()).isTrue();
      assertThat(p.mergeDelta(1).merged()).isFalse();
      p.endRows(2, 1, Expr.eq("id", 3L));
      assertThat(p.mergeDelta(1).merged()).as("end not yet droppable").isFalse();
      MergeResult r = p.mergeDelta(2);
      assertThat(r.merged()).isTrue();
      assertThat(r.droppedRows()).isEqualTo(1);
      assertThat(p.rowCount(2)).isEqualTo(9);
    }
  }

  @Test
  public void createIdsAboveTheOldestLiveSnapshotStayVisibleOnlyFromTheirCommit() {
    try (ColumnPartition p = partition("creates", Config.defaults())) {
      for (int c = 1; c <= 20; c++) {
        p.insertRows(c * 10L, rows(c * 100L, 100));
      }
      p.mergeDelta(75);
      // Snapshots older than 75 are no longer live; from 75 on each commit appears at its cid.
      for (long s = 75; s <= 210; s += 5) {
        assertThat(p.rowCount(s)).as("snapshot %d", s).isEqualTo(Math.min(20, s / 10) * 100);
      }
      assertThat(p.memoryUsage().mvccBytes())
          .as("13 uncollapsed creates of 2000 rows")
          .isPositive();
    }
  }
}
