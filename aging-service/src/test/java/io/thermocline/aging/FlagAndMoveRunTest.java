package io.thermocline.aging;

import static io.thermocline.aging.AgingFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.expr.Expr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run flags and moves in one step: rows the rule matches reach the cold tier flagged TRUE with no
 * separate UPDATE, rows users flagged go first, and only the rule's rows count as flagged; rows
 * over the run's budget stay unflagged for the next run.
 */
class FlagAndMoveRunTest {
  private static final AgingOptions OPTIONS =
      new AgingOptions(1_000_000, 25, 0, Duration.ofDays(1), Duration.ZERO);

  @TempDir Path dir;
  private AgingFixture f;

  @BeforeEach
  void open() {
    f = new AgingFixture(dir);
    f.insert(0, 100, 30);
    // Five young rows flagged by hand: the rule does not match them, their flag alone moves them.
    assertThat(f.session.update(T, Expr.between("id", 90L, 94L), Map.of("_aged", true)))
        .isEqualTo(5);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void ruleMatchesMoveFlaggedAndOnlyTheyCountAsFlagged() {
    AgingRun run = f.start(OPTIONS).runNow(T);
    assertThat(run.rowsToCold()).isEqualTo(35);
    assertThat(run.rowsFlagged()).isEqualTo(30);
    assertThat(f.stats().coldRows()).isEqualTo(35);
    assertThat(f.stats().hotRows()).isEqualTo(65);
    assertThat(f.flag(0)).isTrue();
    assertThat(f.flag(29)).isTrue();
    assertThat(f.flag(92)).isTrue();
    assertThat(f.flag(30)).isFalse();
    assertThat(f.session.count(T, Expr.eq("_aged", true))).isEqualTo(35);
    assertThat(f.session.count(T, null)).isEqualTo(100);
  }

  @Test
  void aRunMergesTheHotTierSoTheMovedVersionsAreDropped() {
    f.insert(100, 5_100, 5_000);
    f.db.runMaintenance();
    long before = f.stats().hotMemoryBytes();
    AgingRun run = f.start(OPTIONS.withBatchRows(1_000)).runNow(T);
    assertThat(run.rowsToCold()).isEqualTo(5_035);
    // Maintenance merges only tables with delta rows, and moves add none: without the run's own
    // merge the 5,035 ended versions would stay in the hot main.
    assertThat(f.stats().hotMemoryBytes())
        .as("hot bytes before the run: %d", before)
        .isLessThan(before / 4);
  }

  @Test
  void rowsOverTheBudgetStayUnflaggedUntilTheNextRun() {
    AgingService s = f.start(OPTIONS.withMaxRowsPerRun(12).withBatchRows(4));
    AgingRun first = s.runNow(T);
    assertThat(first.rowsToCold()).isEqualTo(12);
    assertThat(first.rowsFlagged()).as("the hand-flagged rows went first").isEqualTo(7);
    assertThat(f.session.count(T, Expr.eq("_aged", true))).isEqualTo(12);
    AgingRun second = s.runNow(T);
    assertThat(second.rowsToCold()).isEqualTo(12);
    assertThat(second.rowsFlagged()).isEqualTo(12);
    assertThat(s.runNow(T).rowsToCold()).isEqualTo(11);
    assertThat(f.stats().coldRows()).isEqualTo(35);
    assertThat(f.session.count(T, Expr.eq("_aged", true))).isEqualTo(35);
  }
}
