package io.thermocline.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.recovery.backup.BackupKind;
import io.thermocline.recovery.backup.BackupManifest;
import io.thermocline.recovery.wal.WalSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Point-in-time recovery: a full backup, commits of every kind (hot and cold inserts, updates,
 * deletes, moves both ways, checkpoints that would drop log segments), log backups; restoring to
 * the moment of any commit yields exactly the commits up to it.
 */
class PointInTimeRecoveryTest {
  @TempDir Path tmp;
  long seed;

  /** The state after one commit: its id, its log time and every table's checksum. */
  record Point(long cid, long timeMicros, Map<String, BackupFixture.Checksum> state) {}

  @BeforeEach
  void seed() {
    seed = Long.getLong("thermo.seed", new Random().nextLong());
    System.out.println(
        "PointInTimeRecoveryTest seed " + seed + " (replay with -Dthermo.seed=" + seed + ")");
  }

  static Config config() {
    return BackupFixture.config()
        .with(BackupSettings.LOG_ENABLED, true)
        .with(WalSettings.SEGMENT_BYTES, 16_384L);
  }

  /**
   * @param fullCarriesLog whether the full backup carries the database's checkpoint and the log
   *     after it (a checkpoint precedes it) or an encoded hot tier (no checkpoint yet)
   */
  @ParameterizedTest(name = "full backup carries its checkpoint's log: {0}")
  @ValueSource(booleans = {false, true})
  void restoreToAnyCommitBetweenBackupsYieldsExactlyTheCommitsBeforeIt(boolean fullCarriesLog)
      throws Exception {
    Path data = tmp.resolve("data");
    List<Point> points = new ArrayList<>();
    BackupManifest full;
    String target;
    Random r = new Random(seed);
    try (Database db = Thermocline.open(data, config());
        Session s = db.session()) {
      target = db.backups().defaultTarget();
      BackupFixture.createTables(db);
      AtomicLong ids = new AtomicLong();
      OnlineBackupTest.insert(s, "events", ids, 1_000, r);
      OnlineBackupTest.insert(s, "cold_only", ids, 300, r);
      db.moveBatch("events", MoveDirection.TO_COLD, 200);
      if (fullCarriesLog) {
        db.checkpoint();
        for (int i = 0; i < 5; i++) {
          commitOne(db, s, ids, r);
        }
      }
      full = db.backups().create(null, "base", null);
      assertThat(full.attribute(BackupRun.ATTR_HOT_CID, null) != null).isEqualTo(fullCarriesLog);
      points.add(point(db, full.commitId()));
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 8; i++) {
          commitOne(db, s, ids, r);
          points.add(point(db, db.lastCommitted()));
        }
        db.checkpoint(); // would drop sealed segments; retention keeps the unarchived ones
        BackupManifest log = db.backups().createLog(null, null);
        assertThat(log.kind()).isEqualTo(BackupKind.LOG);
        assertThat(log.commitId()).isEqualTo(db.lastCommitted());
      }
      for (int i = 0; i < 3; i++) {
        commitOne(db, s, ids, r);
      }
      db.backups().createLog(null, null);
      db.checkpoint();
      assertThat(db.backups().retainedSegments()).isEmpty();
    }
    List<Point> probes = new ArrayList<>();
    probes.add(points.get(0));
    probes.add(points.get(points.size() - 1));
    for (int i = 0; i < 2; i++) {
      probes.add(points.get(1 + r.nextInt(points.size() - 1)));
    }
    int n = 0;
    for (Point p : probes) {
      Path byTime = tmp.resolve("time-" + n);
      RestoreResult rt =
          Backups.restore(
              target,
              full.id(),
              byTime,
              RestoreOptions.defaults()
                  .untilTime(Instant.EPOCH.plus(p.timeMicros(), ChronoUnit.MICROS))
                  .withConfig(config()),
              null);
      assertThat(rt.commitId()).as("seed %d", seed).isEqualTo(p.cid());
      check(byTime, p, "until time " + p.timeMicros());
      Path byCid = tmp.resolve("cid-" + n++);
      Backups.restore(
          target,
          full.id(),
          byCid,
          RestoreOptions.defaults().untilCid(p.cid()).withConfig(config()),
          null);
      check(byCid, p, "until commit id " + p.cid());
    }
    assertThatThrownBy(
            () ->
                Backups.restore(
                    target,
                    full.id(),
                    tmp.resolve("too-early"),
                    RestoreOptions.defaults().untilCid(full.commitId() - 1),
                    null))
        .satisfies(
            t -> assertThat(((ThermoException) t).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    BackupManifest withLog = null;
    for (io.thermocline.recovery.backup.BackupCatalog.Entry e :
        io.thermocline.recovery.backup.BackupCatalog.list(
            io.thermocline.common.io.LocalFileIO.INSTANCE, target)) {
      if (e.kind() == BackupKind.LOG
          && e.manifest().files().stream().anyMatch(f -> f.path().startsWith("wal/"))) {
        withLog = e.manifest();
      }
    }
    assertThat(withLog).as("a log backup with log segments").isNotNull();
    damageLogAndExpectRefusal(target, full, withLog, tmp.resolve("damaged"));
  }

  private static void damageLogAndExpectRefusal(
      String target, BackupManifest full, BackupManifest log, Path into) throws Exception {
    io.thermocline.recovery.backup.BackupFile wal =
        log.files().stream().filter(f -> f.path().startsWith("wal/")).findFirst().orElseThrow();
    Path file =
        Path.of(
            io.thermocline.recovery.backup.BackupCatalog.location(
                io.thermocline.common.io.LocalFileIO.INSTANCE, target, wal));
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      f.seek(wal.size() / 2);
      int b = f.read();
      f.seek(wal.size() / 2);
      f.write(b ^ 1);
    }
    assertThat(Backups.verifyAt(target, log.id(), null).damages())
        .singleElement()
        .satisfies(d -> assertThat(d.file()).isEqualTo(file.toString()));
    assertThatThrownBy(
            () ->
                Backups.restore(
                    target,
                    full.id(),
                    into,
                    RestoreOptions.defaults().untilCid(log.commitId()).withConfig(config()),
                    null))
        .hasMessageContaining(file.toString())
        .satisfies(
            t -> assertThat(((ThermoException) t).code()).isEqualTo(ErrorCode.BACKUP_DAMAGED));
  }

  private void check(Path dir, Point p, String how) {
    try (Database db = Thermocline.open(dir, config())) {
      assertThat(BackupFixture.checksums(db))
          .as("restored %s (commit id %d), seed %d", how, p.cid(), seed)
          .isEqualTo(p.state());
    }
  }

  /** One commit of a random kind; waits for the clock so each commit has its own time. */
  private static void commitOne(Database db, Session s, AtomicLong ids, Random r) {
    long before = System.currentTimeMillis();
    while (System.currentTimeMillis() == before) {
      Thread.onSpinWait(); // commit times have millisecond resolution: keep them apart
    }
    int op = r.nextInt(7);
    long from = r.nextInt((int) ids.get());
    switch (op) {
      case 0 -> OnlineBackupTest.insert(s, "events", ids, 1 + r.nextInt(200), r);
      case 1 -> OnlineBackupTest.insert(s, "cold_only", ids, 1 + r.nextInt(200), r);
      case 2 -> OnlineBackupTest.insert(s, "hot_only", ids, 1 + r.nextInt(50), r);
      case 3 ->
          s.delete(
              r.nextBoolean() ? "events" : "cold_only",
              Expr.and(Expr.ge("id", from), Expr.lt("id", from + 30)));
      case 4 ->
          s.update(
              "events",
              Expr.and(Expr.ge("id", from), Expr.lt("id", from + 100)),
              Map.of(TableDefinition.DEFAULT_AGING_FLAG, r.nextBoolean()));
      case 5 -> db.moveBatch("events", MoveDirection.TO_COLD, 150);
      default -> db.moveBatch("events", MoveDirection.TO_HOT, 150);
    }
  }

  private static Point point(Database db, long cid) {
    return new Point(cid, db.commitLog().lastTimeMicros(), BackupFixture.checksums(db));
  }
}
