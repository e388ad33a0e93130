package io.thermocline.aging;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.durability.Resolution;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.table.TableStats;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.crash.AcknowledgedWrites;
import io.thermocline.testkit.crash.ChildJvm;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 "Done means": a child JVM ages a hybrid table on a 1-second schedule and with manual runs
 * back to back while it writes, and is killed with SIGKILL at random moments, every other time
 * right as a run starts ({@code thermo.aging.crash.cycles}: 4 by default, 200 with {@code -Plong}).
 * After every kill the database is reopened here without the extension: every acknowledged write is
 * present, the one in flight wholly or not at all, no row is visible in both tiers or twice, tier
 * counts add up; then a service started on it (its holds file must load) runs once and the content
 * is unchanged.
 */
@Timeout(1800)
class AgingCrashTest {
  @TempDir Path dir;

  @Test
  void aKilledAgingServiceLosesAndDuplicatesNothing() throws Exception {
    long seed = TestSeed.resolve("AgingCrashTest");
    Random random = new Random(seed);
    int cycles = Integer.getInteger("thermo.aging.crash.cycles", TestSeed.longMode() ? 200 : 4);
    Path data = dir.resolve("db");
    AcknowledgedWrites writes = new AcknowledgedWrites();
    long runsSeen = 0;
    long rowsMoved = 0;
    long started = System.nanoTime();
    for (int cycle = 0; cycle < cycles; cycle++) {
      String ctx = "seed " + seed + ", cycle " + cycle;
      try (ChildJvm child =
          ChildJvm.start(
              AgingCrashChild.class,
              data.toString(),
              Long.toString(random.nextLong()),
              Long.toString(writes.nextId()))) {
        boolean atRun = cycle % 2 == 1;
        int after = atRun ? 1 + random.nextInt(6) : 1 + random.nextInt(80);
        String aim = atRun ? "RUN" : "ACK ";
        child.awaitLines(l -> l.startsWith(aim), after, Duration.ofSeconds(60));
        assertThat(child.kill()).as(ctx).isEqualTo(ChildJvm.SIGKILL_EXIT);
        assertThat(child.errorLines())
            .as(ctx + ": child stderr")
            .noneMatch(l -> l.contains("Exception"));
        for (String line : child.lines()) {
          writes.read(line);
          String[] p = line.split(" ");
          if (p[0].equals("RAN")) {
            runsSeen++;
            rowsMoved += Long.parseLong(p[2]) + Long.parseLong(p[3]);
          }
        }
      }
      try (Database db =
          Thermocline.open(
              data, AgingCrashChild.config().with(EngineSettings.EXTENSIONS_ENABLED, false))) {
        Map<Long, Long> actual = check(db, writes, ctx + ", reopened");
        for (Resolution r : db.recoveryResolutions()) {
          assertThat(r.action()).as(ctx + ": " + r).isNotEqualTo("MISMATCH");
        }
        writes.accept(actual);
        try (AgingService s = AgingService.start(db, db.config(), Clock.systemUTC())) {
          AgingRun run = s.runNow(AgingCrashChild.TABLE);
          assertThat(run.status()).as(ctx).isEqualTo(AgingRun.Status.SUCCEEDED);
        }
        check(db, writes, ctx + ", after a run on the reopened database");
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "AgingCrashTest seed %d: %d kill cycles, %d acknowledged writes, %d finished manual runs"
            + " moving %d rows, %d rows at the end, 0 violations, %.1f s%n",
        seed, cycles, writes.acks(), runsSeen, rowsMoved, writes.expected().size(), seconds);
    assertThat(rowsMoved).as("seed " + seed + ": the child's runs moved rows").isPositive();
  }

  /** Checks the content is one of the allowed states and every row is visible once. */
  private static Map<Long, Long> check(Database db, AcknowledgedWrites writes, String ctx) {
    Map<Long, Long> actual = contents(db, ctx);
    assertThat(writes.allows(actual))
        .as(ctx + ": content differs; " + writes.mismatch(actual))
        .isTrue();
    TableStats st = db.tableStats(AgingCrashChild.TABLE);
    assertThat(st.hotRows() + st.coldRows()).as(ctx + ": tier counts").isEqualTo(actual.size());
    return actual;
  }

  /** id -> v over both tiers at one snapshot, failing on an id seen twice. */
  private static Map<Long, Long> contents(Database db, String ctx) {
    Map<Long, Long> out = new HashMap<>();
    HybridTable t = db.table(AgingCrashChild.TABLE);
    long snapshot = db.lastCommitted();
    ScanRequest at = ScanRequest.at(snapshot).withProjection(List.of("id", "v"));
    for (BatchCursor c : List.of(t.scanHot(at), t.scanCold(at))) {
      try (c) {
        for (ColumnBatch b = c.next(); b != null; b = c.next()) {
          LongVector id = (LongVector) b.column(0);
          LongVector v = (LongVector) b.column(1);
          for (int r = 0; r < b.rowCount(); r++) {
            assertThat(out.containsKey(id.values()[r]))
                .as(ctx + ": row " + id.values()[r] + " visible twice")
                .isFalse();
            out.put(id.values()[r], v.isNull(r) ? null : v.values()[r]);
          }
        }
      }
    }
    return out;
  }
}
