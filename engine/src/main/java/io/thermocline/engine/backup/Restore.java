package io.thermocline.engine.backup;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.engine.DataDirectoryLock;
import io.thermocline.engine.durability.CommitRecord;
import io.thermocline.engine.durability.HotCheckpoint;
import io.thermocline.recovery.backup.BackupCatalog;
import io.thermocline.recovery.backup.BackupFile;
import io.thermocline.recovery.backup.BackupKind;
import io.thermocline.recovery.backup.BackupManifest;
import io.thermocline.recovery.backup.BackupVerifier;
import io.thermocline.recovery.backup.DeferredSync;
import io.thermocline.recovery.backup.Progress;
import io.thermocline.recovery.backup.ProgressListener;
import io.thermocline.recovery.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Restores a full backup into a data directory that is empty (or, with force, not held by a
 * database), optionally rolled forward to a point in time with the log backups of its chain:
 *
 * <ol>
 *   <li>the hot checkpoint of the full backup (the hot tier at its commit id C);
 *   <li>the cold image (RocksDB copy and Parquet files) of the full backup, or for a point in time
 *       T of the first log backup of the chain whose image is at or after T;
 *   <li>a new log holding the archived records of commits in (C, T] and the intents of the commits
 *       after T that the cold image still contains: opening the directory replays the former into
 *       the hot tier and undoes the latter in the cold tier (restart recovery does both).
 * </ol>
 *
 * Every file is checked against its SHA-256 as it is copied; a mismatch is {@code BACKUP_DAMAGED}
 * naming the file, and the directory is emptied again. Stateless.
 */
final class Restore {
  private Restore() {}

  static RestoreResult run(
      String source,
      String backupId,
      Path dataDirectory,
      RestoreOptions options,
      ProgressListener listener) {
    Path dir = dataDirectory.toAbsolutePath().normalize();
    try (BackupTarget target = BackupTarget.open(source)) {
      BackupManifest full = BackupCatalog.read(target.io(), target.path(), backupId);
      if (full.kind() != BackupKind.FULL) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "backup "
                + backupId
                + " is a log backup; restore its full backup "
                + full.attribute(BackupRun.ATTR_FULL, "")
                + " with a point in time instead");
      }
      prepare(dir, options.force());
      Progress progress = new Progress(listener, 0);
      try {
        RestoreResult r = restore(target, full, dir, options, progress);
        DatabaseIdentity.renew(dir);
        progress.finish();
        return r;
      } catch (RuntimeException | Error e) {
        empty(dir);
        throw e;
      }
    }
  }

  private static RestoreResult restore(
      BackupTarget target,
      BackupManifest full,
      Path dir,
      RestoreOptions options,
      Progress progress) {
    BackupManifest image = full;
    List<BackupManifest> applied = new ArrayList<>();
    List<ArchivedLog.Entry> keep = new ArrayList<>();
    long reached = full.commitId();
    HotCheckpoint.Position hot = hotPosition(full);
    boolean tail = full.attribute(BackupRun.ATTR_HOT_CID, null) != null;
    Path scratch = dir.resolve("backup").resolve("restore-log");
    if (tail) {
      // The full backup's own log: the commits between its checkpoint and its id.
      for (ArchivedLog.Entry e :
          ArchivedLog.read(
              target, List.of(full), hot.lsn() - 1, scratch.resolve("full"), progress)) {
        if (e.lsn() <= full.toLsn()) {
          keep.add(e);
        }
      }
    }
    if (options.pointInTime()) {
      List<BackupManifest> chain = PointInTime.needed(PointInTime.chain(target, full), options);
      // Read apart from the full backup's log: a log backup's segment may span the same LSNs.
      List<ArchivedLog.Entry> records = new ArrayList<>(keep);
      records.addAll(
          ArchivedLog.read(target, chain, full.toLsn(), scratch.resolve("logs"), progress));
      PointInTime.Plan plan = PointInTime.plan(full, hot.cid(), chain, records, options);
      image = plan.image();
      applied = plan.logs();
      keep = plan.records();
      reached = plan.commitId();
    }
    ConsistentImage.deleteTree(scratch);
    long bytes = 0;
    List<BackupFile> files = new ArrayList<>();
    files.add(required(full, BackupRun.HOT));
    for (BackupFile f : image.files()) {
      if (f.path().startsWith(ConsistentImage.COLD_META + "/")
          || f.path().startsWith(BackupRun.COLD)) {
        files.add(f);
      }
    }
    for (BackupFile f : files) {
      progress.addTotal(f.size());
      bytes += f.size();
    }
    for (BackupFile f : files) {
      try {
        Files.createDirectories(dir.resolve(f.path()).getParent());
      } catch (IOException e) {
        throw new ThermoException(ErrorCode.IO_ERROR, "cannot create the parent of " + f.path(), e);
      }
    }
    copyAll(target, files, dir, options.config().get(BackupSettings.COPY_THREADS), progress);
    HotCheckpoint.Position copied = HotCheckpoint.position(dir);
    if (copied == null || !copied.equals(hot)) {
      throw new ThermoException(
          ErrorCode.BACKUP_DAMAGED,
          "the hot checkpoint of backup "
              + full.id()
              + " is at "
              + copied
              + " but its manifest expects "
              + hot);
    }
    writeLog(dir, keep, hot.lsn(), options);
    List<String> logIds = new ArrayList<>();
    for (BackupManifest m : applied) {
      logIds.add(m.id());
    }
    long commits = 0;
    for (ArchivedLog.Entry e : keep) {
      commits += e.kind() == CommitRecord.Kind.COMMIT ? 1 : 0;
    }
    return new RestoreResult(full.id(), logIds, reached, commits, bytes);
  }

  /**
   * Copies (checking SHA-256) on {@code threads} threads; the first failure stops the rest. Each
   * file's fsync runs on a sync thread while the next files are copied; all are done on return.
   */
  private static void copyAll(
      BackupTarget target, List<BackupFile> files, Path dir, int threads, Progress progress) {
    DeferredSync sync = new DeferredSync(threads, "restore " + dir);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(threads, files.size())),
            r -> {
              Thread t = new Thread(r, "thermo-restore-copy");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> done = new ArrayList<>();
      for (BackupFile f : files) {
        done.add(
            pool.submit(
                () ->
                    BackupVerifier.copyChecked(
                        target.io(),
                        target.path(),
                        f,
                        LocalFileIO.INSTANCE,
                        dir.resolve(f.path()).toString(),
                        progress,
                        sync)));
      }
      for (Future<?> f : done) {
        f.get();
      }
      Set<Path> parents = new TreeSet<>();
      for (BackupFile f : files) {
        for (Path p = dir.resolve(f.path()).getParent(); p.startsWith(dir); p = p.getParent()) {
          parents.add(p);
        }
      }
      for (Path p : parents) {
        sync.syncDirectory(p.toString());
      }
      sync.await();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ThermoException(ErrorCode.INTERNAL, "restore failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ThermoException(ErrorCode.IO_ERROR, "restore interrupted", e);
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.IO_ERROR, "syncing restored directories failed: " + e, e);
    } finally {
      progress.cancel();
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sync.close();
    }
  }

  private static BackupFile required(BackupManifest m, String path) {
    BackupFile f = m.file(path);
    if (f == null) {
      throw new ThermoException(
          ErrorCode.BACKUP_DAMAGED, "backup " + m.id() + " lacks its file " + path);
    }
    return f;
  }

  /**
   * Where the full backup's hot checkpoint stands: at the checkpoint's id with the log from its LSN
   * when the backup carries the database's own checkpoint and log, else at the backup's id with a
   * log from LSN 1 (an encoded checkpoint).
   */
  private static HotCheckpoint.Position hotPosition(BackupManifest full) {
    String hotCid = full.attribute(BackupRun.ATTR_HOT_CID, null);
    try {
      return hotCid == null
          ? new HotCheckpoint.Position(full.commitId(), 1)
          : new HotCheckpoint.Position(Long.parseLong(hotCid), full.fromLsn());
    } catch (NumberFormatException e) {
      throw new ThermoException(
          ErrorCode.BACKUP_DAMAGED,
          "backup " + full.id() + " has a malformed " + BackupRun.ATTR_HOT_CID + ": " + hotCid);
    }
  }

  /**
   * A new log under {@code <dir>/wal} that starts at {@code firstLsn}, the first record the
   * restored checkpoint does not cover, holding {@code records} (raw payloads, in log order).
   */
  private static void writeLog(
      Path dir, List<ArchivedLog.Entry> records, long firstLsn, RestoreOptions o) {
    Path wal = dir.resolve("wal");
    try (WriteAheadLog log =
        WriteAheadLog.create(LocalFileIO.INSTANCE, wal.toString(), o.config(), firstLsn)) {
      long last = firstLsn - 1;
      for (ArchivedLog.Entry e : records) {
        last = log.appendNoWait(e.cid(), CommitRecord.WAL_TYPE, e.payload());
      }
      if (last >= firstLsn) {
        log.awaitAcknowledged(last);
      }
    }
  }

  /** Checks that {@code dir} may be restored into, and empties it when forced. */
  private static void prepare(Path dir, boolean force) {
    if (!Files.exists(dir)) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new ThermoException(ErrorCode.IO_ERROR, "cannot create " + dir + ": " + e, e);
      }
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, dir + " is not a directory");
    }
    if (DataDirectoryLock.isHeld(dir)) {
      throw new ThermoException(
          ErrorCode.DATA_DIRECTORY_IN_USE,
          "cannot restore into " + dir + ": a database holds it; close it (stop the server) first");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<Path> content = entries.toList();
      boolean onlyLock =
          content.size() == 1
              && content.get(0).getFileName().toString().equals(DataDirectoryLock.FILE_NAME);
      if (content.isEmpty() || onlyLock) {
        return;
      }
      if (!force) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "cannot restore into "
                + dir
                + ": it is not empty ("
                + content.size()
                + " entries, e.g. "
                + content.get(0).getFileName()
                + "); restore with force to replace it");
      }
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.IO_ERROR, "cannot list " + dir + ": " + e, e);
    }
    empty(dir);
  }

  /** Deletes everything inside {@code dir} but the directory (and its lock file) itself. */
  private static void empty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        if (!p.getFileName().toString().equals(DataDirectoryLock.FILE_NAME)) {
          ConsistentImage.deleteTree(p);
        }
      }
    } catch (IOException e) {
      // Best effort after a failure: the original error is the one to report.
    }
  }
}
