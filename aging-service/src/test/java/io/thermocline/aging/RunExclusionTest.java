package io.thermocline.aging;

import static io.thermocline.aging.AgingFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermocline.common.expr.Expr;
import io.thermocline.engine.catalog.TableChange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manual runs from two threads and the 1-second schedule of one table never overlap. */
class RunExclusionTest {
  @TempDir Path dir;

  @Test
  void manualAndScheduledRunsOfOneTableNeverOverlap() throws Exception {
    try (AgingFixture f = new AgingFixture(dir)) {
      f.insert(0, 60, 0);
      // No rule: the application's flags alone decide; the throttle makes each run take ~0.3 s.
      f.session.alterTable(T, new TableChange.SetAgingRule(null));
      AgingService s =
          f.start(new AgingOptions(1_000_000, 10, 200, Duration.ofDays(1), Duration.ZERO));
      s.setSchedule(T, "EVERY 1 SECOND");
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> manual = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          manual.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 3; i++) {
                      s.runNow(T);
                    }
                    return null;
                  }));
        }
        boolean cold = true;
        while (!manual.stream().allMatch(Future::isDone)) {
          f.session.update(T, null, Map.of("_aged", cold));
          cold = !cold;
          long before = s.runs().of(T).size();
          await().atMost(Duration.ofSeconds(10)).until(() -> s.runs().of(T).size() > before);
        }
        for (Future<?> m : manual) {
          m.get();
        }
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    s.runs().of(T).stream()
                        .anyMatch(r -> r.trigger() == AgingRun.Trigger.SCHEDULED));
      } finally {
        pool.shutdownNow();
      }
      List<AgingRun> runs = new ArrayList<>(s.runs().of(T));
      runs.sort(Comparator.comparing(AgingRun::start));
      for (int i = 1; i < runs.size(); i++) {
        assertThat(runs.get(i).start())
            .as("run %d starts after run %d ended", runs.get(i).id(), runs.get(i - 1).id())
            .isAfterOrEqualTo(runs.get(i - 1).end());
      }
      assertThat(runs).extracting(AgingRun::status).containsOnly(AgingRun.Status.SUCCEEDED);
      assertThat(runs.stream().mapToLong(r -> r.rowsToCold() + r.rowsToHot()).sum()).isPositive();
      assertThat(f.session.count(T, null)).isEqualTo(60);
      assertThat(f.session.count(T, Expr.eq("id", 0L))).isEqualTo(1);
    }
  }
}
