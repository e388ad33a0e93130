package io.thermocline.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.engine.Database;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.crash.AcknowledgedWrites;
import io.thermocline.testkit.crash.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM runs a database doing inserts, updates, deletes, flag flips and moves both ways and
 * is killed with SIGKILL at random moments ({@code thermo.crash.cycles} times: 25 by default, 1,000
 * with {@code -Plong}). After every kill the database is reopened here: every acknowledged commit
 * is present, the one in flight is present wholly or not at all, every row is visible exactly once
 * across both tiers, and commit ids go on after the last acknowledged one.
 */
@Timeout(1800)
class EngineCrashTest {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedCommitSurvivesSigkillAndNothingIsHalfPresent() throws Exception {
    long seed = TestSeed.resolve("EngineCrashTest");
    Random random = new Random(seed);
    int cycles = Integer.getInteger("thermo.crash.cycles", TestSeed.longMode() ? 1000 : 25);
    Path data = dir.resolve("db");
    AcknowledgedWrites writes = new AcknowledgedWrites();
    long undone = 0;
    long started = System.nanoTime();
    // Completed backups: id -> the content acknowledged when it finished (the child is one
    // thread, so no commit is in flight while it backs up).
    Map<String, Map<Long, Long>> backups = new java.util.LinkedHashMap<>();
    // What each cycle's child printed last and what each restart resolved: printed on a failure.
    List<String> history = new java.util.ArrayList<>();
    for (int cycle = 0; cycle < cycles; cycle++) {
      String ctx = "seed " + seed + ", cycle " + cycle;
      int killAfter = 1 + random.nextInt(cycle % 2 == 0 ? 60 : 12);
      try (ChildJvm child =
          ChildJvm.start(
              EngineCrashChild.class,
              data.toString(),
              Long.toString(random.nextLong()),
              Long.toString(writes.nextId()))) {
        // Every other cycle the kill lands right as a move (a cross-tier commit) starts.
        String aim = cycle % 2 == 0 ? "ACK " : "MOVE ";
        child.awaitLines(l -> l.startsWith(aim), killAfter, Duration.ofSeconds(60));
        assertThat(child.kill()).as(ctx).isEqualTo(ChildJvm.SIGKILL_EXIT);
        List<String> lines = child.lines();
        history.add(
            "cycle "
                + cycle
                + ": "
                + lines.stream().filter(l -> l.startsWith("OPEN")).findFirst().orElse("no OPEN")
                + " ... last lines "
                + lines.subList(Math.max(0, lines.size() - 6), lines.size()));
        for (String line : lines) {
          writes.read(line);
          if (line.startsWith("BACKUP DONE ")) {
            backups.put(line.split(" ")[2], writes.expected());
          }
        }
      }
      try (Database db = Thermocline.open(data, EngineCrashChild.config())) {
        Map<Long, Long> actual = contents(db, ctx);
        history.add("restart " + cycle + ": " + db.recoveryResolutions());
        if (!writes.allows(actual)) {
          System.out.println(String.join("\n", history));
          System.out.println(describeLog(db));
          preserve(data, seed, cycle);
        }
        assertThat(writes.allows(actual))
            .as(ctx + ": content after restart differs; " + writes.mismatch(actual))
            .isTrue();
        assertThat(db.lastCommitted()).as(ctx).isGreaterThanOrEqualTo(writes.lastAcked());
        for (Resolution r : db.recoveryResolutions()) {
          assertThat(r.action()).as(ctx + ": " + r).isNotEqualTo("MISMATCH");
          if (r.action().equals("UNDONE")) {
            undone++;
          }
        }
        writes.accept(actual);
      }
    }
    int restored = restoreAndCompare(data, backups, seed);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "EngineCrashTest seed %d: %d kill cycles, %d acknowledged commits, %d in-doubt cold"
            + " commits undone, %d rows at the end, %d backups taken under kills, %d restored and"
            + " compared, 0 violations, %.1f s%n",
        seed,
        cycles,
        writes.acks(),
        undone,
        writes.expected().size(),
        backups.size(),
        restored,
        seconds);
  }

  /**
   * Every backup the child finished is intact (verify), and the last three restore to exactly the
   * content acknowledged at their commit id.
   */
  private int restoreAndCompare(Path data, Map<String, Map<Long, Long>> backups, long seed) {
    String target = data.toAbsolutePath() + "-backups";
    List<String> ids = new java.util.ArrayList<>(backups.keySet());
    int restored = 0;
    for (int i = Math.max(0, ids.size() - 3); i < ids.size(); i++) {
      String id = ids.get(i);
      String ctx = "seed " + seed + ", backup " + id;
      assertThat(io.thermocline.engine.backup.Backups.verifyAt(target, id, null).damages())
          .as(ctx)
          .isEmpty();
      Path into = dir.resolve("restore-" + i);
      io.thermocline.engine.backup.Backups.restore(target, id, into, null, null);
      try (Database db = Thermocline.open(into, EngineCrashChild.config())) {
        assertThat(contents(db, ctx)).as(ctx + ": restored content").isEqualTo(backups.get(id));
      }
      restored++;
    }
    return restored;
  }

  /**
   * Every log record still in the log: LSN, kind, commit id and per table the ids ended/inserted.
   */
  private static String describeLog(Database db) {
    StringBuilder out = new StringBuilder("log records:\n");
    for (CommitLog.Logged l : db.commitLog().readFrom(0)) {
      CommitRecord r = l.record();
      out.append("  lsn ")
          .append(l.lsn())
          .append(' ')
          .append(r.kind())
          .append(" cid ")
          .append(r.cid());
      for (CommitRecord.TableChanges t : r.tables()) {
        out.append(" ended ").append(firstColumn(t.ended())).append(" inserted ");
        out.append(firstColumn(t.inserted()));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static List<Object> firstColumn(List<Object[]> rows) {
    List<Object> ids = new java.util.ArrayList<>();
    for (Object[] row : rows) {
      ids.add(row[0]);
    }
    return ids;
  }

  /** Keeps a copy of the failing data directory for a post-mortem (printed). */
  private static void preserve(Path data, long seed, int cycle) {
    Path copy = Path.of(System.getProperty("java.io.tmpdir"), "thermo-crash-" + seed + "-" + cycle);
    try (var files = java.nio.file.Files.walk(data)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = copy.resolve(data.relativize(f).toString());
        if (java.nio.file.Files.isDirectory(f)) {
          java.nio.file.Files.createDirectories(to);
        } else if (!f.getFileName().toString().endsWith(".lock")) {
          java.nio.file.Files.copy(f, to);
        }
      }
      System.out.println("failing data directory copied to " + copy);
    } catch (java.io.IOException | RuntimeException e) {
      System.out.println("could not copy the failing data directory: " + e);
    }
  }

  /** id -> v over both tiers, failing on an id seen twice (a row visible in both tiers). */
  private static Map<Long, Long> contents(Database db, String ctx) {
    Map<Long, Long> out = new HashMap<>();
    HybridTable t = db.table(EngineCrashChild.TABLE);
    long snapshot = db.lastCommitted();
    for (BatchCursor c :
        List.of(
            t.scanHot(ScanRequest.at(snapshot).withProjection(List.of("id", "v"))),
            t.scanCold(ScanRequest.at(snapshot).withProjection(List.of("id", "v"))))) {
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
