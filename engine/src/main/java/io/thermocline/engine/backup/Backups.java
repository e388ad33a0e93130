package io.thermocline.engine.backup;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.Database;
import io.thermocline.recovery.backup.BackupCatalog;
import io.thermocline.recovery.backup.BackupKind;
import io.thermocline.recovery.backup.BackupManifest;
import io.thermocline.recovery.backup.BackupStatus;
import io.thermocline.recovery.backup.BackupVerifier;
import io.thermocline.recovery.backup.ProgressListener;
import io.thermocline.recovery.wal.WalSegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Backups of one open database ({@code Database.backups()}): full backups (a consistent image of
 * both tiers at one commit id, taken while writers and moves go on), log backups, the catalog of a
 * target, verify, delete, and restore into another directory ({@link #restore}, static: the
 * database to restore is not open). A target is a directory or a Hadoop URI; {@code null} means the
 * setting {@code backup.target}, else the sibling directory {@code <data directory>-backups}.
 *
 * <p>With {@code backup.log.enabled} the database keeps log segments until a log backup copied them
 * ({@link LogRetention}) and holds the snapshot of its newest backup registered, so neither the log
 * nor the cold history a point-in-time recovery needs is dropped.
 *
 * <p>Concurrency: thread-safe; backups of one database run one at a time (a lock: a second caller
 * waits), list/verify/delete run any time.
 */
public final class Backups implements AutoCloseable {
  private final Database db;
  private final String databaseId;
  private final int threads;
  private final ReentrantLock running = new ReentrantLock(true);
  private final LogRetention retention;
  private final BackupSystemObjects systemObjects;

  private Backups(Database db) {
    this.db = db;
    this.databaseId = DatabaseIdentity.of(db.dataDirectory());
    this.threads = db.config().get(BackupSettings.COPY_THREADS);
    removeStaleStaging(db.dataDirectory());
    this.retention = new LogRetention(db, this);
    this.systemObjects = new BackupSystemObjects(this);
  }

  /** Attaches backups to {@code db} (registers SYS.BACKUP and SYS.BACKUPS). */
  public static Backups attach(Database db) {
    Backups b = new Backups(db);
    b.systemObjects.register(db.system());
    b.retention.start();
    return b;
  }

  private static void removeStaleStaging(Path dataDirectory) {
    Path dir = dataDirectory.resolve(DatabaseIdentity.DIRECTORY);
    java.io.File[] leftovers = dir.toFile().listFiles((d, n) -> n.startsWith("staging-"));
    if (leftovers != null) {
      for (java.io.File f : leftovers) {
        ConsistentImage.deleteTree(f.toPath());
      }
    }
  }

  /** The target used when none is given. */
  public String defaultTarget() {
    String configured = db.config().get(BackupSettings.TARGET);
    if (!configured.isBlank()) {
      return configured;
    }
    Path d = db.dataDirectory().toAbsolutePath().normalize();
    return d.resolveSibling(d.getFileName() + "-backups").toString();
  }

  /** The id of this data directory's incarnation (log backups are kept apart by it). */
  public String databaseId() {
    return databaseId;
  }

  /**
   * Takes a full backup into {@code target} (null: the default) while the database keeps working;
   * returns its manifest once it is complete.
   */
  public BackupManifest create(String target, String label, ProgressListener listener) {
    return take(BackupKind.FULL, target, label, listener);
  }

  /**
   * Takes a log backup: the log since the newest backup of this database in {@code target} and an
   * image of the cold tier, so that any commit between the two can be recovered. Needs a full
   * backup of this database in the target first.
   */
  public BackupManifest createLog(String target, ProgressListener listener) {
    return take(BackupKind.LOG, target, "", listener);
  }

  private BackupManifest take(
      BackupKind kind, String target, String label, ProgressListener listener) {
    ProgressListener l = listener == null ? ProgressListener.NONE : listener;
    String where = target == null || target.isBlank() ? defaultTarget() : target;
    running.lock();
    try (BackupTarget t = BackupTarget.open(where)) {
      if (t.isInside(db.dataDirectory())) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "the backup target " + t + " is inside the data directory " + db.dataDirectory());
      }
      List<BackupManifest> chain = kind == BackupKind.LOG ? chainEnd(t) : List.of();
      BackupManifest previous = chain.isEmpty() ? null : chain.get(0);
      try (ConsistentImage image = ConsistentImage.take(db, kind == BackupKind.FULL)) {
        l.imageTaken(image.cid());
        BackupManifest m =
            BackupRun.write(
                new BackupRun.Request(
                    db, image, kind, t, label, databaseId, previous, chain, threads, l));
        if (retention.holdsSnapshots() && where.equals(defaultTarget())) {
          // The log chain of the default target is what log retention protects.
          image.keepSnapshot();
          retention.backupTaken(m, image.cid());
        }
        return m;
      }
    } finally {
      running.unlock();
    }
  }

  /** The chain a log backup continues: newest backup first, back to its full backup. */
  private List<BackupManifest> chainEnd(BackupTarget t) {
    List<BackupCatalog.Entry> all = BackupCatalog.list(t.io(), t.path());
    BackupManifest newest = null;
    for (BackupCatalog.Entry e : all) {
      BackupManifest m = e.manifest();
      if (e.status() == BackupStatus.COMPLETE
          && m.database().equals(databaseId)
          && (newest == null || m.toLsn() >= newest.toLsn())) {
        newest = m;
      }
    }
    if (newest == null) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "a log backup continues a full backup, but " + t + " holds none of this database");
    }
    List<BackupManifest> chain = new ArrayList<>();
    for (BackupManifest m = newest; m != null; ) {
      chain.add(m);
      if (m.kind() == BackupKind.FULL) {
        break;
      }
      m = m.previous() == null ? null : BackupCatalog.read(t.io(), t.path(), m.previous());
    }
    return chain;
  }

  /** The backups in {@code target} (null: the default), oldest first. */
  public List<BackupCatalog.Entry> list(String target) {
    try (BackupTarget t = BackupTarget.open(target == null ? defaultTarget() : target)) {
      return BackupCatalog.list(t.io(), t.path());
    }
  }

  /** Re-hashes every file of backup {@code id}; the report names each damaged or missing file. */
  public BackupVerifier.Report verify(String target, String id, ProgressListener listener) {
    return verifyAt(target == null ? defaultTarget() : target, id, listener);
  }

  /** {@link #verify} without an open database (the CLI's offline verify). */
  public static BackupVerifier.Report verifyAt(
      String target, String id, ProgressListener listener) {
    try (BackupTarget t = BackupTarget.open(target)) {
      return BackupVerifier.verify(t.io(), t.path(), id, listener);
    }
  }

  /** Deletes backup {@code id}; refused while a later backup of its chain needs it. */
  public void delete(String target, String id) {
    try (BackupTarget t = BackupTarget.open(target == null ? defaultTarget() : target)) {
      BackupCatalog.delete(t.io(), t.path(), id);
    }
  }

  /**
   * Restores backup {@code backupId} of {@code source} into {@code dataDirectory}, which must be
   * empty unless {@link RestoreOptions#force()} (never one a database holds); with a point in time,
   * log backups of the chain roll it forward. Open the directory afterwards.
   */
  public static RestoreResult restore(
      String source,
      String backupId,
      Path dataDirectory,
      RestoreOptions options,
      ProgressListener listener) {
    return Restore.run(
        source,
        backupId,
        dataDirectory,
        options == null ? RestoreOptions.defaults() : options,
        listener == null ? ProgressListener.NONE : listener);
  }

  /** Segments the log still keeps for a log backup (empty without log backups). */
  public List<WalSegment> retainedSegments() {
    return retention.retained();
  }

  Database database() {
    return db;
  }

  /** Stops the log backup schedule and releases the held snapshot. */
  @Override
  public void close() {
    systemObjects.unregister(db.system());
    retention.close();
  }
}
