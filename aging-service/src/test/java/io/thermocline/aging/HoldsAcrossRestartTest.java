package io.thermocline.aging;

import static io.thermocline.aging.AgingFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.io.LocalFileIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: holds survive a restart of the database and its service, so a recalled row is not
 * re-flagged during its hold and a backfill keeps its minimum hot time; the holds file is
 * checksummed, belongs to one incarnation of a table, and goes with a DROP.
 */
class HoldsAcrossRestartTest {
  private static final AgingOptions OPTIONS =
      new AgingOptions(1_000_000, 50, 0, Duration.ofDays(1), Duration.ZERO);

  @TempDir Path dir;

  /** Ages ids 0..9, recalls 3 and 4 by clearing their flags; returns after the recall run. */
  private static void ageAndRecall(AgingFixture f) {
    f.insert(0, 20, 10);
    AgingService s = f.start(OPTIONS);
    assertThat(s.runNow(T).rowsToCold()).isEqualTo(10);
    f.session.update(T, Expr.in("id", 3L, 4L), Map.of("_aged", false));
    assertThat(s.runNow(T).rowsToHot()).isEqualTo(2);
  }

  @Test
  void aRestartKeepsARecalledRowFromBeingReflaggedDuringItsHold() {
    try (AgingFixture f = new AgingFixture(dir)) {
      ageAndRecall(f);
    }
    try (AgingFixture f = new AgingFixture(dir)) {
      AgingService s = f.start(OPTIONS);
      AgingRun after = s.runNow(T);
      assertThat(s.policies().get(0).heldRows()).isEqualTo(2);
      assertThat(after.rowsFlagged()).as("held rows stay unflagged after a restart").isZero();
      assertThat(after.rowsToCold()).isZero();
      assertThat(f.flag(3)).isFalse();
      assertThat(f.flag(4)).isFalse();
      assertThat(f.stats().coldRows()).isEqualTo(8);
    }
  }

  @Test
  void withoutPersistenceTheRestartForgetsTheHold() {
    try (AgingFixture f = new AgingFixture(dir)) {
      f.insert(0, 20, 10);
      AgingService s = f.start(OPTIONS, f.db.config().with(AgingSettings.PERSIST_HOLDS, false));
      s.runNow(T);
      f.session.update(T, Expr.in("id", 3L, 4L), Map.of("_aged", false));
      s.runNow(T);
    }
    try (AgingFixture f = new AgingFixture(dir)) {
      AgingService s = f.start(OPTIONS, f.db.config().with(AgingSettings.PERSIST_HOLDS, false));
      assertThat(s.runNow(T).rowsToCold()).as("the rows bounce back").isEqualTo(2);
    }
  }

  @Test
  void aRestartKeepsTheMinimumHotTimeOfABackfill() {
    AgingOptions minHot = OPTIONS.withMinHot(Duration.ofHours(1));
    try (AgingFixture f = new AgingFixture(dir)) {
      AgingService s = f.start(minHot);
      f.insert(0, 30, 30);
      assertThat(s.runNow(T).rowsFlagged()).isZero();
    }
    try (AgingFixture f = new AgingFixture(dir)) {
      AgingService s = f.start(minHot);
      assertThat(s.runNow(T).rowsFlagged()).isZero();
      assertThat(s.dryRun(T).rowsHeld()).isEqualTo(30);
      s.setOptions(T, OPTIONS);
      assertThat(s.runNow(T).rowsToCold()).isEqualTo(30);
    }
  }

  @Test
  void aDamagedHoldsFileFailsTheRunNamingTheFile() throws IOException {
    try (AgingFixture f = new AgingFixture(dir)) {
      ageAndRecall(f);
    }
    Path file = holdsFile();
    byte[] b = Files.readAllBytes(file);
    b[b.length / 2] ^= 0x40;
    Files.write(file, b);
    try (AgingFixture f = new AgingFixture(dir)) {
      AgingService s = f.start(OPTIONS);
      assertThatThrownBy(() -> s.runNow(T))
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
                assertThat(e.getMessage()).contains(file.getFileName().toString());
              });
      assertThat(s.runs().last(T).status()).isEqualTo(AgingRun.Status.FAILED);
      assertThat(f.session.count(T, null)).isEqualTo(20);
    }
  }

  @Test
  void dropForgetsTheHoldsAndANewTableOfTheSameNameStartsAfresh() throws IOException {
    try (AgingFixture f = new AgingFixture(dir)) {
      ageAndRecall(f);
      Path file = holdsFile();
      byte[] old = Files.readAllBytes(file);
      f.session.dropTable(T);
      assertThat(file).doesNotExist();
      // A stale file of an earlier table (say, a DROP while no service ran) does not apply.
      Files.write(file, old);
    }
    try (AgingFixture f = new AgingFixture(dir)) {
      f.insert(0, 20, 10);
      AgingService s = f.start(OPTIONS);
      assertThat(s.policies().get(0).heldRows()).isZero();
      assertThat(s.runNow(T).rowsToCold()).isEqualTo(10);
    }
  }

  @Test
  void keysOfEveryShapeRoundTrip() {
    RowHoldsFile file =
        new RowHoldsFile(LocalFileIO.INSTANCE, dir.resolve("aging").toString(), "t ä");
    Map<Object, Long> held = new HashMap<>();
    held.put(7L, 100L);
    held.put("key", 200L);
    held.put(Arrays.asList(1L, null, 2.5, "x"), 300L);
    Map<Object, Long> seen = new HashMap<>();
    seen.put(List.of(-1L, Double.NaN), 5L);
    file.save("t ä", 42, new RowHolds(held, seen));
    RowHolds back = file.load("t ä", 42);
    assertThat(back.heldUntil()).isEqualTo(held);
    assertThat(back.firstSeenTimes()).isEqualTo(seen);
    assertThat(back.changed()).isFalse();
    assertThat(file.load("t ä", 43).heldCount()).as("another incarnation").isZero();
  }

  private Path holdsFile() throws IOException {
    try (var files = Files.list(dir.resolve("aging"))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("holds-"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no holds file in " + dir.resolve("aging")));
    }
  }
}
