package io.thermocline.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.durability.HotCheckpoint;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.recovery.backup.BackupManifest;
import io.thermocline.recovery.backup.BackupVerifier;
import io.thermocline.recovery.checkpoint.CheckpointFile;
import io.thermocline.recovery.checkpoint.CheckpointSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full backup carries the database's own checkpoint, unchanged, and the log records after it up
 * to the backup's id instead of encoding the hot tier; a damaged live checkpoint is encoded around,
 * never copied. Every variant restores to exactly the backup's commit id, and the restored database
 * takes new commits that survive a restart (its log continues at the checkpoint's LSN).
 */
class BackupLiveCheckpointTest {
  @TempDir Path tmp;

  /** No background checkpoints: the live checkpoint is the one the test wrote (or damaged). */
  private static Config config() {
    return BackupFixture.config().with(EngineSettings.MAINTENANCE_ENABLED, false);
  }

  /** What a test does before its backup and checks of the backup, on the open database. */
  private interface Scenario {
    void before(Database db) throws IOException;

    default void check(Database db, BackupManifest m) throws IOException {}
  }

  @Test
  void aBackupCarriesTheLiveCheckpointAndTheLogAfterIt() throws IOException {
    long[] checkpointCid = new long[1];
    backUpAndRestore(
        new Scenario() {
          @Override
          public void before(Database db) {
            checkpointCid[0] = db.checkpoint();
            // Inserts, updates, deletes and a move after the checkpoint travel as log records.
            try (Session s = db.session()) {
              OnlineBackupTest.insert(s, "events", new AtomicLong(500_000), 700, new Random(9));
              OnlineBackupTest.insert(s, "hot_only", new AtomicLong(600_000), 300, new Random(10));
              s.delete("hot_only", Expr.lt("id", 6_500L));
              s.update(
                  "events",
                  Expr.and(Expr.ge("id", 100L), Expr.lt("id", 900L)),
                  Map.of(TableDefinition.DEFAULT_AGING_FLAG, true));
            }
            db.moveBatch("events", MoveDirection.TO_COLD, 400);
          }

          @Override
          public void check(Database db, BackupManifest m) throws IOException {
            assertThat(m.attribute(BackupRun.ATTR_HOT_CID, null))
                .isEqualTo(Long.toString(checkpointCid[0]));
            assertThat(m.commitId()).isGreaterThan(checkpointCid[0]);
            assertThat(m.files()).anyMatch(f -> f.path().startsWith(BackupRun.WAL));
            assertThat(Files.readAllBytes(Path.of(target(), m.id(), BackupRun.HOT)))
                .isEqualTo(Files.readAllBytes(HotCheckpoint.file(db.dataDirectory())));
          }
        });
  }

  @Test
  void aBackupAtTheCheckpointsIdCarriesNoLogAndTheRestoredLogContinuesAfterIt() throws IOException {
    long[] cid = new long[1];
    // The checkpoint names an LSN far past 1: commits after the restore must be replayed anyway.
    backUpAndRestore(
        new Scenario() {
          @Override
          public void before(Database db) {
            cid[0] = db.checkpoint();
          }

          @Override
          public void check(Database db, BackupManifest m) {
            assertThat(m.commitId()).isEqualTo(cid[0]);
            assertThat(m.attribute(BackupRun.ATTR_HOT_CID, null)).isEqualTo(Long.toString(cid[0]));
            assertThat(m.files()).noneMatch(f -> f.path().startsWith(BackupRun.WAL));
          }
        });
  }

  @Test
  void aDamagedLiveCheckpointIsEncodedAroundNotCopied() throws IOException {
    long[] at = new long[1];
    backUpAndRestore(
        new Scenario() {
          @Override
          public void before(Database db) throws IOException {
            db.checkpoint();
            Path live = HotCheckpoint.file(db.dataDirectory());
            CheckpointSection first =
                CheckpointFile.open(LocalFileIO.INSTANCE, live.toString()).sections().get(0);
            at[0] = first.offset() + first.length() / 2;
            BackupFixture.flip(live, at[0]);
          }

          @Override
          public void check(Database db, BackupManifest m) throws IOException {
            assertThat(m.attribute(BackupRun.ATTR_HOT_CID, null)).isNull();
            // Repair the live checkpoint so the database closes as it would have.
            BackupFixture.flip(HotCheckpoint.file(db.dataDirectory()), at[0]);
          }
        });
  }

  @Test
  void aDatabaseWithoutACheckpointIsEncoded() throws IOException {
    backUpAndRestore(
        new Scenario() {
          @Override
          public void before(Database db) {
            assertThat(Files.exists(HotCheckpoint.file(db.dataDirectory()))).isFalse();
          }

          @Override
          public void check(Database db, BackupManifest m) {
            assertThat(m.attribute(BackupRun.ATTR_HOT_CID, null)).isNull();
          }
        });
  }

  private String target() {
    return tmp.resolve("backups").toString();
  }

  /**
   * Fills a database, runs the scenario, backs up, checks the backup (and that verify finds it
   * intact), then restores it: exactly the content at the backup's id, and commits made after the
   * restore survive a restart.
   */
  private void backUpAndRestore(Scenario scenario) throws IOException {
    BackupManifest m;
    Map<String, BackupFixture.Checksum> expected;
    try (Database db = Thermocline.open(tmp.resolve("data"), config())) {
      fill(db);
      scenario.before(db);
      expected = BackupFixture.checksums(db);
      m = db.backups().create(target(), "test", null);
      scenario.check(db, m);
      assertThat(BackupVerifier.verify(LocalFileIO.INSTANCE, target(), m.id(), null).intact())
          .isTrue();
    }
    restoreAndCheck(target(), m, expected);
  }

  private static void fill(Database db) {
    BackupFixture.createTables(db);
    AtomicLong ids = new AtomicLong();
    Random r = new Random(7);
    try (Session s = db.session()) {
      OnlineBackupTest.insert(s, "events", ids, 6_000, r);
      OnlineBackupTest.insert(s, "hot_only", ids, 2_000, r);
      OnlineBackupTest.insert(s, "cold_only", ids, 1_000, r);
    }
    db.moveBatch("events", MoveDirection.TO_COLD, 2_000);
  }

  private void restoreAndCheck(
      String target, BackupManifest m, Map<String, BackupFixture.Checksum> expected) {
    Path restored = tmp.resolve("restored");
    Backups.restore(target, m.id(), restored, RestoreOptions.defaults(), null);
    Map<String, BackupFixture.Checksum> more;
    try (Database db = Thermocline.open(restored, config())) {
      assertThat(BackupFixture.checksums(db)).isEqualTo(expected);
      try (Session s = db.session()) {
        OnlineBackupTest.insert(s, "hot_only", new AtomicLong(1_000_000), 500, new Random(8));
      }
      more = BackupFixture.checksums(db);
    }
    try (Database db = Thermocline.open(restored, config())) {
      assertThat(BackupFixture.checksums(db)).isEqualTo(more);
    }
  }
}
