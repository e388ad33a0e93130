package io.thermocline.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.recovery.backup.BackupCatalog;
import io.thermocline.recovery.backup.BackupFile;
import io.thermocline.recovery.backup.BackupManifest;
import io.thermocline.recovery.backup.BackupStatus;
import io.thermocline.recovery.backup.BackupVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full backups taken while writers, moves, merges and compactions run restore to exactly the state
 * of their commit id; damaged backups and non-empty directories are refused.
 */
class OnlineBackupTest {
  @TempDir Path tmp;
  long seed;

  @BeforeEach
  void seed() {
    seed = Long.getLong("thermo.seed", new Random().nextLong());
    System.out.println(
        "OnlineBackupTest seed " + seed + " (replay with -Dthermo.seed=" + seed + ")");
  }

  @Test
  void backupsUnderLoadRestoreToTheirCommitId() throws Exception {
    Path data = tmp.resolve("data");
    String target = tmp.resolve("backups").toString();
    Map<Long, Map<String, BackupFixture.Checksum>> expected = new ConcurrentHashMap<>();
    List<BackupManifest> taken = new ArrayList<>();
    try (Database db = Thermocline.open(data, BackupFixture.config())) {
      BackupFixture.createTables(db);
      AtomicLong ids = new AtomicLong();
      try (Session s = db.session()) {
        for (int i = 0; i < 5; i++) {
          insert(s, "events", ids, 2_000, new Random(seed + i));
          insert(s, "cold_only", ids, 500, new Random(seed - i));
          insert(s, "hot_only", ids, 300, new Random(seed * 3 + i));
        }
        db.moveBatch("events", MoveDirection.TO_COLD, 5_000);
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> workers = new ArrayList<>();
      workers.add(worker("writer", stop, failure, r -> write(db, ids, r)));
      workers.add(worker("mover", stop, failure, r -> move(db, r)));
      workers.forEach(Thread::start);
      try {
        for (int i = 0; i < 3; i++) {
          BackupManifest m =
              db.backups()
                  .create(
                      target,
                      "load-" + i,
                      new io.thermocline.recovery.backup.ProgressListener() {
                        @Override
                        public void progress(long done, long total) {}

                        @Override
                        public void imageTaken(long cid) {
                          expected.put(cid, BackupFixture.checksums(db, cid));
                        }
                      });
          taken.add(m);
          db.checkpoint();
        }
      } finally {
        stop.set(true);
        for (Thread t : workers) {
          t.join();
        }
      }
      assertThat(failure.get()).as("seed %d", seed).isNull();
      // The first backup encodes the hot tier (no checkpoint yet), the later ones carry the
      // checkpoint taken after the one before and the log since.
      assertThat(taken.get(0).attribute(BackupRun.ATTR_HOT_CID, null)).isNull();
      assertThat(taken.get(2).attribute(BackupRun.ATTR_HOT_CID, null)).isNotNull();
      assertThat(db.backups().list(target))
          .extracting(BackupCatalog.Entry::status)
          .containsOnly(BackupStatus.COMPLETE);
    }
    for (BackupManifest m : taken) {
      assertThat(
              BackupVerifier.verify(
                      io.thermocline.common.io.LocalFileIO.INSTANCE, target, m.id(), null)
                  .intact())
          .isTrue();
      Path restored = tmp.resolve("restored-" + m.id());
      List<long[]> progress = new ArrayList<>();
      RestoreResult r =
          Backups.restore(
              target,
              m.id(),
              restored,
              RestoreOptions.defaults(),
              (d, t) -> progress.add(new long[] {d, t}));
      assertThat(r.commitId()).isEqualTo(m.commitId());
      assertThat(progress).isNotEmpty();
      try (Database db = Thermocline.open(restored, BackupFixture.config())) {
        assertThat(BackupFixture.checksums(db))
            .as("backup %s at commit id %d, seed %d", m.id(), m.commitId(), seed)
            .isEqualTo(expected.get(m.commitId()));
        assertThat(db.lastCommitted()).isGreaterThanOrEqualTo(m.commitId());
        assertThat(db.backups().databaseId()).isNotEqualTo(m.database());
        try (Session s = db.session()) {
          s.insert("hot_only", Long.MAX_VALUE, 1L, 1.0, "after restore");
        }
      }
    }
  }

  @Test
  void damagedBackupIsFoundByVerifyAndRefusedByRestore() throws IOException {
    Path data = tmp.resolve("data");
    BackupManifest m;
    String target;
    try (Database db = Thermocline.open(data, BackupFixture.config())) {
      BackupFixture.createTables(db);
      try (Session s = db.session()) {
        AtomicLong ids = new AtomicLong();
        insert(s, "events", ids, 3_000, new Random(seed));
        insert(s, "cold_only", ids, 500, new Random(seed + 1));
        insert(s, "hot_only", ids, 100, new Random(seed + 2));
        db.moveBatch("events", MoveDirection.TO_COLD, 1_000);
        // The backup carries this checkpoint and the log of the commits after it (wal/).
        db.checkpoint();
        insert(s, "hot_only", ids, 100, new Random(seed + 3));
        insert(s, "events", ids, 100, new Random(seed + 4));
      }
      m = db.backups().create(null, "", null);
      assertThat(m.files()).anyMatch(f -> f.path().startsWith("wal/"));
      target = db.backups().defaultTarget();
      assertThat(target).isEqualTo(tmp.resolve("data-backups").toString());
      assertThat(db.system().view("BACKUPS").orElseThrow().rows())
          .singleElement()
          .satisfies(row -> assertThat(row[0]).isEqualTo(m.id()));
      List<Object[]> called =
          db.system().procedure("backup").call(java.util.Arrays.asList(null, "sql-label"));
      assertThat((String) called.get(0)[0]).endsWith("-full-sql-label");
    }
    Random r = new Random(seed);
    for (BackupFile f : sample(m.files(), r)) {
      Path p =
          Path.of(BackupCatalog.location(io.thermocline.common.io.LocalFileIO.INSTANCE, target, f));
      long at = (long) (r.nextDouble() * f.size());
      BackupFixture.flip(p, at);
      BackupVerifier.Report report = Backups.verifyAt(target, m.id(), null);
      assertThat(report.damages())
          .as("flipped byte %d of %s, seed %d", at, p, seed)
          .singleElement()
          .satisfies(d -> assertThat(d.file()).isEqualTo(p.toString()));
      Path restored = tmp.resolve("restored");
      assertThatThrownBy(
              () -> Backups.restore(target, m.id(), restored, RestoreOptions.defaults(), null))
          .isInstanceOf(ThermoException.class)
          .hasMessageContaining(p.toString())
          .satisfies(
              t -> assertThat(((ThermoException) t).code()).isEqualTo(ErrorCode.BACKUP_DAMAGED));
      try (var left = Files.list(restored)) {
        assertThat(left.toList()).as("a refused restore leaves nothing").isEmpty();
      }
      BackupFixture.flip(p, at);
    }
    assertThat(Backups.verifyAt(target, m.id(), null).intact()).isTrue();
  }

  @Test
  void restoreRefusesNonEmptyOrLiveDirectoriesUnlessForced() throws IOException {
    Path data = tmp.resolve("data");
    String target = tmp.resolve("b").toString();
    BackupManifest m;
    try (Database db = Thermocline.open(data, BackupFixture.config())) {
      BackupFixture.createTables(db);
      try (Session s = db.session()) {
        insert(s, "events", new AtomicLong(), 200, new Random(seed));
      }
      m = db.backups().create(target, "x", null);
      assertThatThrownBy(() -> db.backups().create(data.resolve("inside").toString(), "", null))
          .hasMessageContaining("inside the data directory");
      assertThatThrownBy(
              () ->
                  Backups.restore(
                      target, m.id(), data, RestoreOptions.defaults().withForce(true), null))
          .satisfies(
              t ->
                  assertThat(((ThermoException) t).code())
                      .isEqualTo(ErrorCode.DATA_DIRECTORY_IN_USE));
    }
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(other.resolve("precious.txt"), "keep me");
    assertThatThrownBy(
            () -> Backups.restore(target, m.id(), other, RestoreOptions.defaults(), null))
        .hasMessageContaining("not empty")
        .satisfies(
            t -> assertThat(((ThermoException) t).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(other.resolve("precious.txt")).exists();
    Backups.restore(target, m.id(), other, RestoreOptions.defaults().withForce(true), null);
    assertThat(other.resolve("precious.txt")).doesNotExist();
    try (Database db = Thermocline.open(other, BackupFixture.config());
        Session s = db.session()) {
      assertThat(s.count("events", null)).isEqualTo(200);
    }
  }

  /** The hot checkpoint, one file of each other kind and three more, all non-empty. */
  private static List<BackupFile> sample(List<BackupFile> files, Random r) {
    List<BackupFile> out = new ArrayList<>();
    for (String prefix : List.of("checkpoint/", "wal/", "cold-meta/", "cold/")) {
      files.stream()
          .filter(f -> f.path().startsWith(prefix) && f.size() > 0 && !out.contains(f))
          .findFirst()
          .ifPresent(out::add);
    }
    List<BackupFile> rest = new ArrayList<>(files);
    java.util.Collections.shuffle(rest, r);
    for (BackupFile f : rest) {
      if (out.size() < 6 && f.size() > 0 && !out.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- load

  interface Work {
    void run(Random r) throws Exception;
  }

  private Thread worker(
      String name, AtomicBoolean stop, AtomicReference<Throwable> failure, Work w) {
    long s = seed ^ name.hashCode();
    return new Thread(
        () -> {
          Random r = new Random(s);
          try {
            while (!stop.get()) {
              w.run(r);
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        },
        "backup-test-" + name);
  }

  private static void write(Database db, AtomicLong ids, Random r) {
    try (Session s = db.session()) {
      int op = r.nextInt(10);
      String table = op < 5 ? "events" : op < 8 ? "cold_only" : "hot_only";
      if (op == 9) {
        long from = r.nextInt((int) Math.max(1, ids.get()));
        s.delete(table, Expr.and(Expr.ge("id", from), Expr.lt("id", from + 20)));
      } else if (op == 4) {
        long from = r.nextInt((int) Math.max(1, ids.get()));
        s.update(
            "events",
            Expr.and(Expr.ge("id", from), Expr.lt("id", from + 50)),
            Map.of(TableDefinition.DEFAULT_AGING_FLAG, r.nextBoolean()));
      } else {
        insert(s, table, ids, 1 + r.nextInt(300), r);
      }
    } catch (ThermoException e) {
      if (e.code() != ErrorCode.SERIALIZATION_FAILURE) {
        throw e;
      }
    }
  }

  private static void move(Database db, Random r) {
    db.moveBatch("events", r.nextBoolean() ? MoveDirection.TO_COLD : MoveDirection.TO_HOT, 500);
  }

  static void insert(Session s, String table, AtomicLong ids, int n, Random r) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long id = ids.getAndIncrement();
      Object[] row =
          table.equals("events")
              ? new Object[] {
                id,
                1_700_000_000_000_000L + id * 1_000_000L,
                r.nextDouble(),
                "s" + r.nextInt(50),
                r.nextInt(3) == 0
              }
              : new Object[] {
                id, 1_700_000_000_000_000L + id * 1_000_000L, r.nextDouble(), "s" + r.nextInt(50)
              };
      rows.add(row);
    }
    s.insertRows(table, rows);
  }
}
