package io.thermocline.engine.series;

import static io.thermocline.engine.series.SeriesTestDb.METER;
import static io.thermocline.engine.series.SeriesTestDb.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.Transaction;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of a series table, checked per statement and at commit: grid, bounds, NOT NULL period,
 * one element per (series key, period) across the statement, the transaction and both tiers, and
 * gap-free growth with MISSING ELEMENTS NOT ALLOWED. A refused statement leaves no trace.
 */
class SeriesRulesTest {
  @TempDir Path dir;

  private static List<Object[]> rows(int meter, long fromQuarter, long toQuarter, boolean aged) {
    List<Object[]> out = new ArrayList<>();
    for (long q = fromQuarter; q < toQuarter; q++) {
      out.add(new Object[] {meter, at(q), 0.25 * q, 230.0, aged});
    }
    return out;
  }

  private static ThermoException refused(Runnable r) {
    try {
      r.run();
    } catch (ThermoException e) {
      return e;
    }
    throw new AssertionError("the statement was not refused");
  }

  @Test
  void offGridDuplicateAndOutOfBoundsRowsAreRefusedWithNoTrace() {
    long min = 1_704_067_200_000_000L; // 2024-01-01T00:00 UTC
    long max = min + 1000 * SeriesTestDb.QUARTER_HOUR;
    try (Database db = Thermocline.open(dir, SeriesTestDb.config());
        Session s = db.session()) {
      TableDefinition d =
          s.createTable(SeriesTestDb.hybrid(SeriesTestDb.spec(true).withBounds(min, max)));
      assertThat(d.schema().column(d.schema().indexOf("ts")).nullable()).isFalse();
      s.insertRows(METER, rows(1, 0, 100, false));
      s.insertRows(METER, rows(2, 0, 100, true));
      assertThat(db.moveBatch(METER, MoveDirection.TO_COLD, 10_000)).isEqualTo(100);

      ThermoException offGrid =
          refused(() -> s.insert(METER, 1, at(200).plusMinutes(7), 1.0, 230.0, false));
      assertThat(offGrid.code()).isEqualTo(ErrorCode.SERIES_VIOLATION);
      assertThat(offGrid.getMessage())
          .contains("table meter")
          .contains("(meter_id)=(1)")
          .contains("2024-01-03T02:07")
          .contains("nearest grid points are 2024-01-03T02:00 and 2024-01-03T02:15");

      ThermoException hotDuplicate = refused(() -> s.insertRows(METER, rows(1, 99, 101, false)));
      assertThat(hotDuplicate.code()).isEqualTo(ErrorCode.SERIES_VIOLATION);
      assertThat(hotDuplicate.getMessage())
          .contains("(meter_id)=(1)")
          .contains("already has an element at 2024-01-02T00:45");

      ThermoException coldDuplicate = refused(() -> s.insertRows(METER, rows(2, 50, 51, false)));
      assertThat(coldDuplicate.getMessage())
          .contains("(meter_id)=(2)")
          .contains("already has an element at " + at(50));

      List<Object[]> twice = rows(3, 0, 2, false);
      twice.add(twice.get(0).clone());
      ThermoException inStatement = refused(() -> s.insertRows(METER, twice));
      assertThat(inStatement.getMessage()).contains("(meter_id)=(3)").contains("in this commit");

      ThermoException below = refused(() -> s.insert(METER, 4, at(-1), 1.0, 230.0, false));
      assertThat(below.code()).isEqualTo(ErrorCode.SERIES_VIOLATION);
      assertThat(below.getMessage()).contains("outside the series bounds");
      ThermoException above = refused(() -> s.insert(METER, 4, at(1001), 1.0, 230.0, false));
      assertThat(above.getMessage()).contains("outside the series bounds");

      ThermoException nullPeriod = refused(() -> s.insert(METER, 4, null, 1.0, 230.0, false));
      assertThat(nullPeriod.code()).isEqualTo(ErrorCode.NOT_NULL_VIOLATION);

      ThermoException movedOnto =
          refused(() -> s.update(METER, Expr.eq("meter_id", 1L), Map.of("ts", at(5))));
      assertThat(movedOnto.code()).isEqualTo(ErrorCode.SERIES_VIOLATION);
      ThermoException updatedOffGrid =
          refused(
              () ->
                  s.update(
                      METER,
                      Expr.eq("meter_id", 1L),
                      Map.of("ts", LocalDateTime.of(2024, 1, 5, 0, 1))));
      assertThat(updatedOffGrid.getMessage()).contains("not on the series grid");

      assertThat(s.count(METER, null)).isEqualTo(200);
      // Updating values, and deleting then re-inserting an element, are fine.
      assertThat(s.update(METER, Expr.eq("meter_id", 2L), Map.of("volts", 231.0))).isEqualTo(100);
      s.delete(METER, Expr.and(Expr.eq("meter_id", 1L), Expr.eq("ts", at(7))));
      s.insert(METER, 1, at(7), 9.0, 230.0, false);
      try (Transaction tx = s.begin()) {
        tx.delete(METER, Expr.and(Expr.eq("meter_id", 2L), Expr.eq("ts", at(8))));
        tx.insert(METER, 2, at(8), 9.0, 230.0, false);
        tx.commit();
      }
      assertThat(s.count(METER, null)).isEqualTo(200);
    }
  }

  @Test
  void aSeriesWithoutAGridOnlyNeedsUniqueElements() {
    try (Database db = Thermocline.open(dir, SeriesTestDb.config());
        Session s = db.session()) {
      s.createTable(
          SeriesTestDb.hybrid(
              new io.thermocline.engine.catalog.SeriesSpec(List.of("meter_id"), "ts", 0, true)));
      s.insert(METER, 1, at(0).plusNanos(1_000), 1.0, 230.0, false);
      s.insert(METER, 1, at(0).plusSeconds(7), 1.0, 230.0, false);
      s.insert(METER, 2, at(0).plusNanos(1_000), 1.0, 230.0, false);
      ThermoException twice =
          refused(() -> s.insert(METER, 1, at(0).plusSeconds(7), 2.0, 230.0, false));
      assertThat(twice.code()).isEqualTo(ErrorCode.SERIES_VIOLATION);
      assertThat(twice.getMessage()).contains("(meter_id)=(1)").contains("2024-01-01T00:00:07");
      db.runMaintenance();
      assertThat(db.table(METER).hotPartition().seriesMain()).isNotNull();
      assertThat(s.count(METER, null)).isEqualTo(3);
    }
  }

  @Test
  void missingElementsNotAllowedKeepsEverySeriesGapFree() {
    try (Database db = Thermocline.open(dir, SeriesTestDb.config());
        Session s = db.session()) {
      s.createTable(SeriesTestDb.hybrid(SeriesTestDb.spec(false)));
      s.insertRows(METER, rows(1, 10, 20, false));
      s.insertRows(METER, rows(1, 20, 22, false)); // append
      List<Object[]> prepend = rows(1, 8, 10, false);
      Collections.reverse(prepend); // newest first: each row touches the series
      s.insertRows(METER, prepend);
      ThermoException gap = refused(() -> s.insertRows(METER, rows(1, 23, 25, false)));
      assertThat(gap.code()).isEqualTo(ErrorCode.SERIES_VIOLATION);
      assertThat(gap.getMessage())
          .contains("(meter_id)=(1)")
          .contains("MISSING ELEMENTS NOT ALLOWED")
          .contains("would leave a gap");
      s.insertRows(METER, rows(2, 500, 503, false)); // a new series starts anywhere
      ThermoException island = refused(() -> s.insertRows(METER, rows(2, 0, 1, false)));
      assertThat(island.getMessage()).contains("(meter_id)=(2)");
      assertThat(s.count(METER, null)).isEqualTo(14 + 3);
    }
  }
}
