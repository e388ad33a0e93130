package io.thermocline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key sets a reopened database rebuilds (single BIGINT key: a scan of the key column only, set
 * sized up front): every live key in either tier is refused again, keys of deleted rows are free,
 * and the restart timings report the fill.
 */
class RestartKeySetTest {
  private static final String T = "orders";
  private static final LocalDateTime DAY = LocalDateTime.of(2024, 3, 1, 0, 0);

  @TempDir Path dir;

  @Test
  void aReopenedDatabaseRefusesEveryLiveKeyInBothTiers() {
    try (Database db = EngineTestDb.open(dir);
        Session s = db.session()) {
      s.createTable(TableDefinition.hybrid(T, EngineTestDb.ORDERS));
      List<Object[]> rows = new ArrayList<>();
      for (long i = 0; i < 5_000; i++) {
        rows.add(new Object[] {i, "emea", BigDecimal.ONE, DAY.plusSeconds(i), i % 3 == 0});
      }
      s.insertRows(T, rows);
      assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 10_000)).isEqualTo(1_667);
      s.delete(T, Expr.between("id", 100L, 199L)); // hot and cold rows
      db.checkpoint();
      s.delete(T, Expr.between("id", 4_000L, 4_099L)); // in the log tail only
    }
    try (Database db = EngineTestDb.open(dir);
        Session s = db.session()) {
      assertThat(db.restartTimings()).contains("key sets 4800 keys");
      for (long id : new long[] {0, 3, 1, 99, 200, 3_999, 4_100, 4_999}) {
        assertThatThrownBy(() -> s.insert(T, id, "apac", BigDecimal.ONE, DAY, false))
            .as("key %d", id)
            .isInstanceOf(ThermoException.class)
            .extracting(e -> ((ThermoException) e).code())
            .isEqualTo(ErrorCode.DUPLICATE_KEY);
      }
      for (long id : new long[] {100, 150, 198, 4_000, 4_099, 5_000}) {
        s.insert(T, id, "apac", BigDecimal.ONE, DAY, false);
      }
      assertThat(s.count(T, null)).isEqualTo(4_806);
    }
  }
}
