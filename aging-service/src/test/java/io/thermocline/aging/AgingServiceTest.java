package io.thermocline.aging;

import static io.thermocline.aging.AgingFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.engine.catalog.TableChange;
import io.thermocline.engine.table.TableStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled service on a real database: ages, recalls, reschedules, stops, survives faults. */
class AgingServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AgingOptions OPTIONS =
      new AgingOptions(1_000_000, 25, 0, Duration.ofDays(1), Duration.ZERO);

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
  void aOneSecondScheduleAgesMatchingRowsAndRecallsClearedOnes() {
    f.insert(0, 100, 60);
    AgingService s = f.start(OPTIONS);
    s.setSchedule(T, "EVERY 1 SECOND");
    await().atMost(WAIT).until(() -> f.stats().coldRows() == 60);
    assertThat(f.stats().hotRows()).isEqualTo(40);
    assertThat(f.flag(0)).isTrue();
    assertThat(f.flag(99)).isFalse();

    f.session.update(T, Expr.lt("id", 10L), Map.of("_aged", false));
    await().atMost(WAIT).until(() -> f.stats().coldRows() == 50);
    TableStats st = f.stats();
    assertThat(st.hotRows()).isEqualTo(50);
    assertThat(f.flag(3)).as("a recalled row is not re-flagged").isFalse();
    assertThat(s.metrics().rowsToCold()).isEqualTo(60);
    assertThat(s.metrics().rowsToHot()).isEqualTo(10);
    assertThat(s.runs().last(T).trigger()).isEqualTo(AgingRun.Trigger.SCHEDULED);
  }

  @Test
  void disablingStopsTheJobAndEnablingRestartsIt() {
    f.insert(0, 10, 10);
    AgingService s = f.start(OPTIONS);
    s.setSchedule(T, "EVERY 1 SECOND");
    await().atMost(WAIT).until(() -> f.stats().coldRows() == 10);
    s.setEnabled(T, false);
    assertThat(s.policies().get(0).scheduled()).isFalse();
    int runs = s.runs().of(T).size();
    f.insert(10, 20, 10);
    await()
        .during(Duration.ofMillis(2_500))
        .atMost(WAIT)
        .until(() -> s.runs().of(T).size() == runs && f.stats().coldRows() == 10);
    s.setEnabled(T, true);
    await().atMost(WAIT).until(() -> f.stats().coldRows() == 20);
  }

  @Test
  void aScheduleChangeTakesEffectWithoutARestart() {
    f.insert(0, 10, 10);
    AgingService s = f.start(OPTIONS);
    s.setSchedule(T, "EVERY 1 HOURS");
    AgingPolicy hourly = s.policies().get(0);
    assertThat(hourly.scheduled()).isTrue();
    assertThat(hourly.nextRun()).isAfter(java.time.Instant.now().plusSeconds(3_000));
    assertThat(s.runs().of(T)).isEmpty();
    s.setSchedule(T, "CRON * * * * * ?");
    await().atMost(WAIT).until(() -> f.stats().coldRows() == 10);
    assertThat(s.policies().get(0).schedule()).isEqualTo("CRON * * * * * ?");
  }

  @Test
  void anInvalidScheduleIsRefusedWithTheReason() {
    AgingService s = f.start(OPTIONS);
    s.setSchedule(T, "EVERY 5 MINUTES");
    assertThatThrownBy(() -> s.setSchedule(T, "EVERY 5 WEEKS"))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("EVERY 5 WEEKS").contains("unit 'WEEKS'");
            });
    assertThat(f.db.table(T).definition().agingSchedule()).isEqualTo("EVERY 5 MINUTES");
    // A schedule written past the service (e.g. by an older admin path) is refused on refresh.
    f.session.alterTable(T, new TableChange.SetAgingSchedule("CRON 61 * * * * ?"));
    assertThatThrownBy(() -> s.refresh(T))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("cron expression");
    AgingPolicy p = s.policies().get(0);
    assertThat(p.scheduled()).isFalse();
    assertThat(p.problem()).contains("CRON 61");
  }

  @Test
  void aColdFailureMidRunIsRecordedAndTheNextRunCompletes() {
    f.insert(0, 100, 100);
    AgingService s = f.start(OPTIONS);
    f.coldCommitsBeforeFailure.set(1);
    assertThatThrownBy(() -> s.runNow(T))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.COLD_TIER_UNAVAILABLE));
    AgingRun failed = s.runs().last(T);
    assertThat(failed.status()).isEqualTo(AgingRun.Status.FAILED);
    assertThat(failed.error()).contains("COLD_TIER_UNAVAILABLE").contains(T);
    assertThat(failed.rowsToCold()).as("batches before the failure stay done").isEqualTo(25);
    assertThat(s.metrics().lastError()).contains("rolled back");
    TableStats st = f.stats();
    assertThat(st.coldRows()).isEqualTo(25);
    assertThat(st.rows()).isEqualTo(100);
    assertThat(f.session.count(T, null)).isEqualTo(100);

    f.coldCommitsBeforeFailure.set(-1);
    s.setSchedule(T, "EVERY 1 SECOND");
    await().atMost(WAIT).until(() -> f.runsOf(AgingRun.Status.SUCCEEDED) > 0);
    assertThat(f.stats().coldRows()).isEqualTo(100);
    assertThat(f.session.count(T, null)).isEqualTo(100);
  }

  @Test
  void aManualRunReturnsRowsMovedEachWayAndADryRunChangesNothing() {
    f.insert(0, 100, 30);
    AgingService s = f.start(OPTIONS);
    AgingDryRun dry = s.dryRun(T);
    assertThat(dry.rowsToCold()).isEqualTo(30);
    assertThat(dry.rowsRuleWouldFlag()).isEqualTo(30);
    assertThat(dry.rowsToHot()).isZero();
    assertThat(dry.hotBytesFreed()).isPositive();
    assertThat(dry.coldBytesAdded()).isPositive();
    assertThat(dry.sampleToCold()).hasSize(20).contains(0L);
    assertThat(f.stats().coldRows()).isZero();
    assertThat(f.flag(0)).as("a dry run sets no flag").isFalse();

    AgingRun run = s.runNow(T);
    assertThat(run.rowsFlagged()).isEqualTo(30);
    assertThat(run.rowsToCold()).isEqualTo(30);
    assertThat(run.rowsToHot()).isZero();
    assertThat(run.trigger()).isEqualTo(AgingRun.Trigger.MANUAL);

    f.session.update(T, Expr.lt("id", 5L), Map.of("_aged", false));
    AgingDryRun back = s.dryRun(T);
    assertThat(back.rowsToHot()).isEqualTo(5);
    assertThat(back.sampleToHot()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
    AgingRun recall = s.runNow(T);
    assertThat(recall.rowsToHot()).isEqualTo(5);
    assertThat(recall.rowsToCold()).isZero();
  }

  @Test
  void aRunIsBoundedByMaxRowsPerRun() {
    f.insert(0, 100, 100);
    AgingService s = f.start(OPTIONS.withMaxRowsPerRun(40).withBatchRows(15));
    assertThat(s.runNow(T).rowsToCold()).isEqualTo(40);
    assertThat(s.runNow(T).rowsToCold()).isEqualTo(40);
    assertThat(s.runNow(T).rowsToCold()).isEqualTo(20);
  }

  @Test
  void theServiceRebuildsJobsFromTheCatalogAtStart() {
    f.session.alterTable(T, new TableChange.SetAgingSchedule("EVERY 1 SECOND"));
    f.insert(0, 10, 10);
    AgingService s = f.start(OPTIONS);
    assertThat(s.policies().get(0).scheduled()).isTrue();
    await().atMost(WAIT).until(() -> f.stats().coldRows() == 10);
  }

  @Test
  void theThrottleBoundsRowsPerSecond() {
    f.insert(0, 100, 100);
    AgingService s = f.start(OPTIONS.withBatchRows(10).withThrottle(100));
    AgingRun run = s.runNow(T);
    assertThat(run.rowsToCold()).isEqualTo(100);
    // 100 rows at 100 rows/s: the last batch may not wait, so at least 0.9 s.
    assertThat(Duration.between(run.start(), run.end())).isGreaterThan(Duration.ofMillis(850));
    assertThat(s.metrics().lastDurationMillis()).isGreaterThan(850);
  }

  @Test
  void theRunHistorySurvivesARestartOfTheService() {
    f.insert(0, 10, 10);
    AgingService s = f.start(OPTIONS);
    AgingRun first = s.runNow(T);
    s.close();
    AgingService again = f.start(OPTIONS);
    assertThat(again.runs().of(T)).containsExactly(first);
    assertThat(again.runNow(T).id()).isGreaterThan(first.id());
    assertThat(again.runs().persistenceProblem()).isNull();
  }
}
