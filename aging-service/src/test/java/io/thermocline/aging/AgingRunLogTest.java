package io.thermocline.aging;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.io.LocalFileIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgingRunLogTest {
  @TempDir Path dir;

  private static AgingRun run(long id) {
    Instant t = Instant.parse("2026-01-01T00:00:00.123456Z").plusSeconds(id);
    return new AgingRun(
        id,
        "t" + (id % 2),
        AgingRun.Trigger.SCHEDULED,
        t,
        t.plusMillis(5),
        id,
        2 * id,
        3 * id,
        id % 3 == 0 ? AgingRun.Status.FAILED : AgingRun.Status.SUCCEEDED,
        id % 3 == 0 ? "COLD_TIER_UNAVAILABLE: a\tb\nc \\ d" : null);
  }

  @Test
  void theNewestRunsSurviveWithTheirErrorsAndATornLineIsSkipped() throws IOException {
    String d = dir.resolve("aging").toString();
    AgingRuns runs = new AgingRuns(5, new AgingRunLog(LocalFileIO.INSTANCE, d, 5));
    for (long id = 1; id <= 23; id++) {
      runs.add(run(id));
    }
    Path file = dir.resolve("aging/runs.tsv");
    assertThat(Files.readAllLines(file).size())
        .as("compacted at twice the capacity")
        .isLessThan(11);
    Files.write(file, "24\tt0\tSCHED".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

    AgingRuns reloaded = new AgingRuns(5, new AgingRunLog(LocalFileIO.INSTANCE, d, 5));
    assertThat(reloaded.all()).containsExactly(run(19), run(20), run(21), run(22), run(23));
    assertThat(reloaded.lastId()).isEqualTo(23);
    assertThat(reloaded.last("t1")).isEqualTo(run(23));
    assertThat(reloaded.persistenceProblem()).isNull();
  }
}
