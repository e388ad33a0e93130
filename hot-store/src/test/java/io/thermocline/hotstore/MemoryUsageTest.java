package io.thermocline.hotstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.hotstore.mvcc.MainVersions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Memory accounting per column and for the row versions, before and after merges. */
class MemoryUsageTest {
  @Test
  void devopsLikeRowsFitTheBudgetAndCostNoVersionBytesAfterMerge() {
    int rows = 200_000;
    DevopsFigures.Generator gen = new DevopsFigures.Generator();
    try (ColumnPartition p =
        new ColumnPartition("devops", DevopsFigures.schema(), Config.defaults())) {
      for (int done = 0; done < rows; done += 50_000) {
        p.insert(1 + done / 50_000, gen.next(50_000));
      }
      MemoryUsage delta = p.memoryUsage();
      assertThat(delta.deltaBytes()).as("raw delta values").isGreaterThan(rows * 80L);
      assertThat(delta.mvccBytes()).as("one create id per chunk").isLessThan(rows);
      p.mergeDelta(100);
      MemoryUsage main = p.memoryUsage();
      System.out.println("devops-like: " + (double) main.totalBytes() / rows + " bytes/row");
      assertThat(main.totalBytes()).isLessThan(60L * rows);
      assertThat(main.mvccBytes())
          .as("all creates collapsed, no ends: ~0 B/row")
          .isLessThan(rows / 100);
      MemoryUsage.ColumnMemory host = main.columns().get(0);
      assertThat(host.column()).isEqualTo("host");
      assertThat(host.valueIdBytes())
          .as("100 hosts: 7 bits per row")
          .isBetween(rows * 7L / 8, rows * 7L / 8 + 1_000);
      assertThat(host.dictionaryBytes())
          .as("100 strings with payload")
          .isBetween(100L * 40, 100L * 80);
      assertThat(host.nullBytes()).isZero();
      assertThat(main.deltaBytes()).as("empty fresh delta").isLessThan(500);
      long total = main.mvccBytes();
      for (MemoryUsage.ColumnMemory c : main.columns()) {
        total += c.totalBytes();
      }
      assertThat(main.totalBytes()).isEqualTo(total);

      // Ending one row allocates one end chunk; a merge at a later snapshot drops it again.
      p.endRows(200, 100, Expr.eq("ts", DevopsFigures.T0));
      assertThat(p.memoryUsage().mvccBytes() - main.mvccBytes())
          .isBetween(8L * MainVersions.CHUNK_ROWS, 8L * MainVersions.CHUNK_ROWS + 100);
      p.mergeDelta(200);
      assertThat(p.memoryUsage().mvccBytes()).isLessThan(rows / 100);
    }
  }

  @Test
  void nullsAreCountedOnlyWhereTheyExist() {
    Schema schema =
        Schema.of(Column.nullable("a", DataType.BIGINT), Column.nullable("b", DataType.BIGINT));
    try (ColumnPartition p = new ColumnPartition("nulls", schema, Config.defaults())) {
      List<Object[]> rows = new ArrayList<>();
      for (long i = 0; i < 10_000; i++) {
        rows.add(new Object[] {i % 2 == 0 ? null : i, i});
      }
      p.insertRows(1, rows);
      p.mergeDelta(1);
      MemoryUsage m = p.memoryUsage();
      assertThat(m.columns().get(0).nullBytes()).isEqualTo(16 + 8 * ((10_000 + 63) / 64));
      assertThat(m.columns().get(1).nullBytes()).isZero();
    }
  }
}
