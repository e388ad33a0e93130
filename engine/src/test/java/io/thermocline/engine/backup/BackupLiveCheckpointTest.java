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
import java.io.RandomAccessFile;
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

  @Test
  void aBackupCarriesTheLiveCheckpointAndTheLogAfterIt() throws IOException {
    Path data = tmp.resolve("data");
    String target = tmp.resolve("backups").toString();
    BackupManifest m;
    Map<String, BackupFixture.Checksum> expected;
    try (Database db = Thermocline.open(data, config())) {
      fill(db);
      long checkpointCid = db.checkpoint();
      // Inserts, updates, deletes and a move after the checkpoint: they travel as log records.
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
      expected = BackupFixture.checksums(db);
      m = db.backups().create(target, "after-checkpoint", null);
      assertThat(m.attribute(BackupRun.ATTR_HOT_CID, null)).isEqualTo(Long.toString(checkpointCid));
      assertThat(m.commitId()).isGreaterThan(checkpointCid);
      assertThat(m.files()).anyMatch(f -> f.path().startsWith(BackupRun.WAL));
      assertThat(Files.readAllBytes(Path.of(target, m.id(), BackupRun.HOT)))
          .isEqualTo(Files.readAllBytes(HotCheckpoint.file(data)));
      assertThat(BackupVerifier.verify(LocalFileIO.INSTANCE, target, m.id(), null).intact())
          .isTrue();
    }
    restoreAndCheck(target, m, expected);
  }

  @Test
  void aBackupAtTheCheckpointsIdCarriesNoLogAndTheRestoredLogContinuesAfterIt() throws IOException {
    Path data = tmp.resolve("data");
    String target = tmp.resolve("backups").toString();
    BackupManifest m;
    Map<String, BackupFixture.Checksum> expected;
    try (Database db = Thermocline.open(data, config())) {
      fill(db);
      long cid = db.checkpoint();
      expected = BackupFixture.checksums(db);
      m = db.backups().create(target, "at-checkpoint", null);
      assertThat(m.commitId()).isEqualTo(cid);
      assertThat(m.attribute(BackupRun.ATTR_HOT_CID, null)).isEqualTo(Long.toString(cid));
      assertThat(m.files()).noneMatch(f -> f.path().startsWith(BackupRun.WAL));
    }
    // The checkpoint names an LSN far past 1: commits after the restore must be replayed anyway.
    restoreAndCheck(target, m, expected);
  }

  @Test
  void aDamagedLiveCheckpointIsEncodedAroundNotCopied() throws IOException {
    Path data = tmp.resolve("data");
    String target = tmp.resolve("backups").toString();
    BackupManifest m;
    Map<String, BackupFixture.Checksum> expected;
    try (Database db = Thermocline.open(data, config())) {
      fill(db);
      db.checkpoint();
      Path live = HotCheckpoint.file(data);
      CheckpointSection first =
          CheckpointFile.open(LocalFileIO.INSTANCE, live.toString()).sections().get(0);
      flip(live, first.offset() + first.length() / 2);
      expected = BackupFixture.checksums(db);
      m = db.backups().create(target, "damaged-live", null);
      assertThat(m.attribute(BackupRun.ATTR_HOT_CID, null)).isNull();
      assertThat(BackupVerifier.verify(LocalFileIO.INSTANCE, target, m.id(), null).intact())
          .isTrue();
      // Repair the live checkpoint so the database closes as it would have.
      flip(live, first.offset() + first.length() / 2);
    }
    restoreAndCheck(target, m, expected);
  }

  @Test
  void aDatabaseWithoutACheckpointIsEncoded() throws IOException {
    Path data = tmp.resolve("data");
    String target = tmp.resolve("backups").toString();
    BackupManifest m;
    Map<String, BackupFixture.Checksum> expected;
    try (Database db = Thermocline.open(data, config())) {
      fill(db);
      assertThat(Files.exists(HotCheckpoint.file(data))).isFalse();
      expected = BackupFixture.checksums(db);
      m = db.backups().create(target, "no-checkpoint", null);
      assertThat(m.attribute(BackupRun.ATTR_HOT_CID, null)).isNull();
    }
    restoreAndCheck(target, m, expected);
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

  private static void flip(Path p, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x20);
    }
  }
}
