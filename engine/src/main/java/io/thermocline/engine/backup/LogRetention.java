package io.thermocline.engine.backup;

import io.thermocline.engine.Database;
import io.thermocline.recovery.backup.BackupCatalog;
import io.thermocline.recovery.backup.BackupManifest;
import io.thermocline.recovery.backup.BackupStatus;
import io.thermocline.recovery.wal.SegmentRetention;
import io.thermocline.recovery.wal.WalSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What log backups need kept, with {@code backup.log.enabled}: every log segment holding a record
 * after the newest backup in the default target (a checkpoint's truncation keeps it, and asks for a
 * log backup soon), and that backup's snapshot, registered until the next backup, so compaction
 * never folds the cold history a point-in-time recovery rolls back through. At open the snapshot
 * held is the newest commit id: a restart gives up the history of commits before it (a
 * point-in-time recovery between the last backup and the restart is then refused, not wrong). With
 * {@code backup.log.interval.ms} it takes a log backup on a schedule.
 *
 * <p>Concurrency: {@link #keep} runs on the truncating thread, the schedule on one daemon thread;
 * the archived position is volatile and the snapshot hand-over is under this object's monitor.
 */
final class LogRetention implements SegmentRetention, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogRetention.class);

  private final Database db;
  private final Backups backups;
  private final boolean enabled;
  private final long intervalMs;
  private volatile long archivedLsn;
  private long heldSnapshot = -1;
  private ScheduledExecutorService schedule;

  LogRetention(Database db, Backups backups) {
    this.db = db;
    this.backups = backups;
    this.enabled = db.config().get(BackupSettings.LOG_ENABLED);
    this.intervalMs = db.config().get(BackupSettings.LOG_INTERVAL_MS);
  }

  void start() {
    if (!enabled) {
      return;
    }
    try {
      for (BackupCatalog.Entry e : backups.list(null)) {
        BackupManifest m = e.manifest();
        if (e.status() == BackupStatus.COMPLETE && m.database().equals(backups.databaseId())) {
          archivedLsn = Math.max(archivedLsn, m.toLsn());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot read the backups in {}; keeping the whole log", backups.defaultTarget(), e);
    }
    synchronized (this) {
      heldSnapshot = db.pinSnapshot();
    }
    db.commitLog().retainSegments(this);
    schedule =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "thermo-log-backup " + db.dataDirectory());
              t.setDaemon(true);
              return t;
            });
    if (intervalMs > 0) {
      schedule.scheduleWithFixedDelay(
          this::logBackupQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }
  }

  boolean holdsSnapshots() {
    return enabled;
  }

  /** A backup of the default target was taken at {@code cid}: hold it instead of the last one. */
  void backupTaken(BackupManifest m, long cid) {
    long release;
    synchronized (this) {
      archivedLsn = Math.max(archivedLsn, m.toLsn());
      release = heldSnapshot;
      heldSnapshot = cid;
    }
    if (release >= 0) {
      db.releaseSnapshot(release);
    }
  }

  @Override
  public boolean keep(WalSegment segment) {
    if (!enabled || segment.lastLsn() <= archivedLsn) {
      return false;
    }
    ScheduledExecutorService s = schedule;
    if (s != null && !s.isShutdown()) {
      try {
        s.execute(this::logBackupQuietly);
      } catch (RuntimeException e) {
        // shutting down: the segment stays, the next open's log backup copies it
      }
    }
    return true;
  }

  private void logBackupQuietly() {
    try {
      backups.createLog(null, null);
    } catch (RuntimeException e) {
      LOG.warn("log backup into {} failed", backups.defaultTarget(), e);
    }
  }

  /** Sealed segments kept only because no log backup copied them yet. */
  List<WalSegment> retained() {
    List<WalSegment> out = new ArrayList<>();
    if (!enabled) {
      return out;
    }
    List<WalSegment> all = db.commitLog().wal().segments();
    for (int i = 0; i + 1 < all.size(); i++) {
      if (all.get(i).lastLsn() > archivedLsn) {
        out.add(all.get(i));
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (schedule != null) {
      schedule.shutdownNow();
      try {
        schedule.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long release;
    synchronized (this) {
      release = heldSnapshot;
      heldSnapshot = -1;
    }
    if (release >= 0) {
      db.releaseSnapshot(release);
    }
  }
}
