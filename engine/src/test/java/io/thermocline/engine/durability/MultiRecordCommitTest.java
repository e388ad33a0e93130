package io.thermocline.engine.durability;

import static io.thermocline.engine.durability.DurabilityTestDb.contents;
import static io.thermocline.engine.durability.DurabilityTestDb.insert;
import static io.thermocline.engine.durability.DurabilityTestDb.segments;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.recovery.wal.WalSettings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit bigger than {@code wal.commit.chunk.bytes} is logged as ROWS records plus its COMMIT
 * record: an update of every row of a 300,000-row table survives a restart, and a torn tail inside
 * such a commit drops the whole commit, never part of it.
 */
class MultiRecordCommitTest {
  private static final String T = "readings";
  private static final int ROWS = 300_000;

  @TempDir Path dir;

  @Test
  void anUpdateOfEveryRowIsLoggedInBoundedRecordsAndSurvivesRestart() {
    Config config = DurabilityTestDb.config();
    int chunk = config.get(WalSettings.COMMIT_CHUNK_BYTES);
    List<String> before;
    try (Database db = Thermocline.open(dir, config);
        Session s = db.session()) {
      s.createTable(TableDefinition.hot(T, DurabilityTestDb.READINGS));
      for (long from = 0; from < ROWS; from += 100_000) {
        insert(s, T, from, from + 100_000, "n" + from);
      }
      long updated = s.update(T, Expr.ge("id", 0L), Map.of("name", "updated"));
      assertThat(updated).isEqualTo(ROWS);
      long rowRecords = 0;
      long commitRecords = 0;
      for (CommitLog.Logged l : db.commitLog().readFrom(1)) {
        int bytes = l.record().encode().length;
        assertThat(bytes).as("record at LSN " + l.lsn()).isLessThan(chunk + 1024);
        if (l.record().kind() == CommitRecord.Kind.ROWS) {
          rowRecords++;
        } else if (l.record().kind() == CommitRecord.Kind.COMMIT) {
          commitRecords++;
        }
      }
      assertThat(commitRecords).isEqualTo(4);
      assertThat(rowRecords).as("the update alone logs ~20 MB").isGreaterThan(200);
      before = contents(db, T);
    }
    try (Database db = Thermocline.open(dir, config);
        Session s = db.session()) {
      assertThat(db.recoveryResolutions()).isEmpty();
      assertThat(db.replayedCommits()).isEqualTo(4);
      assertThat(s.count(T, null)).isEqualTo(ROWS);
      assertThat(s.count(T, Expr.eq("name", "updated"))).isEqualTo(ROWS);
      assertThat(contents(db, T)).isEqualTo(before);
    }
  }

  @Test
  void aTornTailInsideAMultiRecordCommitDropsTheWholeCommit() throws IOException {
    Config config = DurabilityTestDb.config().with(WalSettings.COMMIT_CHUNK_BYTES, 4096);
    List<String> acknowledged;
    long sizeBefore;
    long sizeAfter;
    try (Database db = Thermocline.open(dir, config);
        Session s = db.session()) {
      s.createTable(TableDefinition.hot(T, DurabilityTestDb.READINGS));
      insert(s, T, 0, 2_000, "first");
      acknowledged = contents(db, T);
      sizeBefore = Files.size(last());
      s.update(T, Expr.lt("id", 1_500L), Map.of("name", "second"));
      sizeAfter = Files.size(last());
    }
    assertThat(sizeAfter - sizeBefore).as("the update spans many records").isGreaterThan(40_000);
    try (FileChannel ch = FileChannel.open(last(), StandardOpenOption.WRITE)) {
      ch.truncate(sizeBefore + (sizeAfter - sizeBefore) / 2);
    }
    try (Database db = Thermocline.open(dir, config)) {
      assertThat(contents(db, T)).isEqualTo(acknowledged);
      assertThat(db.recoveryResolutions())
          .extracting(Resolution::action)
          .containsExactly("TAIL_CUT", "DROPPED");
      try (Session s = db.session()) {
        s.update(T, Expr.lt("id", 10L), Map.of("name", "third"));
      }
    }
    try (Database db = Thermocline.open(dir, config);
        Session s = db.session()) {
      assertThat(s.count(T, Expr.eq("name", "third"))).isEqualTo(10);
      assertThat(s.count(T, Expr.eq("name", "second"))).isZero();
      assertThat(s.count(T, null)).isEqualTo(2_000);
      // The dropped commit's first records stay in the log (its id is never used again).
      assertThat(db.recoveryResolutions()).extracting(Resolution::action).containsOnly("DROPPED");
    }
  }

  private Path last() throws IOException {
    List<Path> all = segments(dir);
    return all.get(all.size() - 1);
  }
}
