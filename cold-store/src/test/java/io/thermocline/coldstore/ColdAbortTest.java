package io.thermocline.coldstore;

import static io.thermocline.coldstore.ColdTestData.filesUnder;
import static io.thermocline.coldstore.ColdTestData.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.testkit.scan.RowAssert;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ColdTable#abort}: an unpublished commit's files, delta rows and tombstones vanish (also
 * tombstones a compaction carried into a new file), what it ended is live again, and its files are
 * deleted; {@link ColdTable#endRowsReturning(long, long, Expr, int)} ends at most the rows asked.
 */
class ColdAbortTest {
  private static final Schema SCHEMA =
      Schema.of(Column.notNull("id", DataType.BIGINT), Column.notNull("ts", DataType.TIMESTAMP))
          .withTimeColumn("ts");

  @TempDir Path dir;

  private static List<Object[]> rows(long from, int n) {
    List<Object[]> out = new ArrayList<>();
    for (long id = from; id < from + n; id++) {
      out.add(new Object[] {id, 1_000_000L * (id % 97)});
    }
    return out;
  }

  private ColdStore open() {
    return ColdStore.open(ColdStoreOptions.of(dir).withConfig(ColdTierFixture.smallFiles()));
  }

  @Test
  void abortRemovesFilesDeltaRowsAndTombstonesOfTheCommit() {
    try (ColdStore store = open()) {
      ColdTable t = store.table("t", SCHEMA);
      t.writeFile(5, ColdTestData.batch(t, rows(0, 200)));
      t.insertDelta(6, rows(1_000, 20));
      List<Object[]> before = scan(t, 7);
      Set<String> filesBefore = filesUnder(store);
      t.writeFile(8, ColdTestData.batch(t, rows(2_000, 100)));
      t.insertDelta(8, rows(3_000, 5));
      Expr filter = Expr.or(Expr.lt("id", 50L), Expr.ge("id", 1_010L));
      assertThat(t.endRows(8, 7, filter)).isEqualTo(50 + 10);
      assertThat(scan(t, 8)).hasSize(220 - 60 + 105);
      assertThat(t.abort(8)).isEqualTo(100 + 5 + 60);
      for (long s = 7; s <= 9; s++) {
        RowAssert.assertSameRows("snapshot " + s, before, scan(t, s));
      }
      assertThat(filesUnder(store)).isEqualTo(filesBefore);
      assertThat(t.abort(8)).as("nothing left to undo").isZero();
      // What commit 8 ended is plainly live: ending it again is no conflict.
      assertThat(t.endRows(9, 8, filter)).isEqualTo(60);
      assertThat(t.stats().deltaRows()).isEqualTo(20);
    }
  }

  @Test
  void abortFindsTombstonesThatCompactionMoved() {
    try (ColdStore store = open()) {
      ColdTable t = store.table("t", SCHEMA);
      t.writeFile(5, ColdTestData.batch(t, rows(0, 200)));
      t.insertDelta(6, rows(1_000, 20));
      List<Object[]> before = scan(t, 7);
      assertThat(t.endRows(8, 7, Expr.lt("id", 30L))).isEqualTo(30);
      assertThat(t.endRows(8, 7, Expr.ge("id", 1_015L))).isEqualTo(5);
      // Oldest live snapshot 7: the delta and the small file are folded into a new file, whose
      // tombstones carry the unpublished end 8.
      assertThat(t.compact(7).deltaRowsFolded()).isEqualTo(20);
      assertThat(t.stats().tombstones()).isEqualTo(35);
      assertThat(t.abort(8)).isEqualTo(35);
      assertThat(t.stats().tombstones()).isZero();
      for (long s = 7; s <= 9; s++) {
        RowAssert.assertSameRows("snapshot " + s, before, scan(t, s));
      }
    }
  }

  @Test
  void endRowsReturningStopsAtMaxRows() {
    try (ColdStore store = open()) {
      ColdTable t = store.table("t", SCHEMA);
      t.writeFile(1, ColdTestData.batch(t, rows(0, 500)));
      t.insertDelta(2, rows(1_000, 10));
      List<ColumnBatch> first = t.endRowsReturning(3, 2, Expr.ge("id", 0L), 120);
      assertThat(first.stream().mapToInt(ColumnBatch::rowCount).sum()).isEqualTo(120);
      List<ColumnBatch> rest = t.endRowsReturning(4, 3, Expr.ge("id", 0L), 10_000);
      assertThat(rest.stream().mapToInt(ColumnBatch::rowCount).sum()).isEqualTo(390);
      assertThat(scan(t, 4)).isEmpty();
      assertThat(scan(t, 3)).hasSize(390);
    }
  }
}
