package io.thermocline.aging;

import static io.thermocline.aging.AgingFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermocline.common.expr.Expr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 6: a recalled row stays hot for the hold period whatever the rule says, a manual
 * flag moves a row once, and the minimum hot time keeps a backfill of old rows hot.
 */
class NoBouncingTest {
  private static final AgingOptions OPTIONS =
      new AgingOptions(1_000_000, 50, 0, Duration.ofDays(1), Duration.ZERO);

  @TempDir Path dir;
  private AgingFixture f;

  @BeforeEach
  void open() {
    f = new AgingFixture(dir);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void ruleAndManualFlagsNeverMoveARowBackAndForth() {
    f.insert(0, 20, 10);
    AgingService s = f.start(OPTIONS);
    assertThat(s.runNow(T).rowsToCold()).isEqualTo(10);
    // The application recalls two rule-matching rows and sends a fresh row cold by hand.
    f.session.update(T, Expr.in("id", 0L, 1L), Map.of("_aged", false));
    f.session.update(T, Expr.eq("id", 15L), Map.of("_aged", true));
    AgingRun run = s.runNow(T);
    assertThat(run.rowsToHot()).isEqualTo(2);
    assertThat(run.rowsToCold()).isEqualTo(1);
    for (int i = 0; i < 5; i++) {
      AgingRun next = s.runNow(T);
      assertThat(next.rowsToCold()).as("run %d", i).isZero();
      assertThat(next.rowsToHot()).as("run %d", i).isZero();
      assertThat(next.rowsFlagged()).as("run %d", i).isZero();
    }
    assertThat(f.flag(0)).isFalse();
    assertThat(f.flag(1)).isFalse();
    assertThat(f.flag(15)).isTrue();
    assertThat(f.stats().coldRows()).isEqualTo(9);
    assertThat(s.policies().get(0).heldRows()).isEqualTo(2);
    assertThat(s.dryRun(T).rowsHeld()).isEqualTo(2);
  }

  @Test
  void aRecallHoldEndsAndTheRuleAgesTheRowAgain() {
    f.insert(0, 10, 10);
    AgingService s = f.start(OPTIONS.withRecallHold(Duration.ofSeconds(1)));
    assertThat(s.runNow(T).rowsToCold()).isEqualTo(10);
    f.session.update(T, Expr.eq("id", 4L), Map.of("_aged", false));
    AgingRun recall = s.runNow(T);
    assertThat(recall.rowsToHot()).isEqualTo(1);
    assertThat(recall.rowsFlagged()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> s.runNow(T).rowsToCold() == 1);
    assertThat(f.stats().coldRows()).isEqualTo(10);
  }

  @Test
  void aMinimumHotTimeKeepsABackfillHot() {
    AgingService s = f.start(OPTIONS.withMinHot(Duration.ofSeconds(2)));
    f.insert(0, 30, 30);
    AgingRun first = s.runNow(T);
    assertThat(first.rowsFlagged()).isZero();
    assertThat(first.rowsToCold()).isZero();
    assertThat(s.dryRun(T).rowsHeld()).isEqualTo(30);
    await().atMost(Duration.ofSeconds(10)).until(() -> s.runNow(T).rowsToCold() == 30);
    assertThat(f.stats().hotRows()).isZero();
  }
}
