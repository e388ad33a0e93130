package io.thermocline.admincli.admin;

import io.thermocline.engine.Database;
import io.thermocline.engine.backup.Backups;
import io.thermocline.recovery.backup.BackupCatalog;
import io.thermocline.recovery.backup.BackupManifest;
import io.thermocline.recovery.backup.BackupStatus;
import io.thermocline.recovery.backup.BackupVerifier;
import io.thermocline.recovery.backup.ProgressListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Backups of the database through its {@link Backups}: create (with progress), list, verify,
 * delete, and the newest backup for the status page. A null target is the database's default
 * ({@code <data>-backups} or {@code backup.target}). Thread-safe (Backups is).
 */
public final class BackupAdmin {
  private final Database db;

  public BackupAdmin(Database db) {
    this.db = db;
  }

  /** A backup as the CLI lists it. */
  public record BackupInfo(
      String id,
      String kind,
      String label,
      long commitId,
      String time,
      long sizeBytes,
      String status,
      String target) {}

  /** A finished backup: what it holds, and how long it took. */
  public record CreatedBackup(
      String id,
      String label,
      long commitId,
      String time,
      long files,
      long bytes,
      long millis,
      String target) {}

  /** A verify's outcome: files and bytes checked, and each damaged or missing file. */
  public record VerifyResult(
      String id, boolean intact, long files, long bytes, List<String> damages) {}

  public String defaultTarget() {
    return db.backups().defaultTarget();
  }

  public CreatedBackup create(String target, String label, ProgressListener progress) {
    long start = System.nanoTime();
    String t = target == null || target.isBlank() ? defaultTarget() : target;
    BackupManifest m = db.backups().create(t, label == null ? "" : label, progress);
    return new CreatedBackup(
        m.id(),
        m.label(),
        m.commitId(),
        time(m.createdMicros()),
        m.files().size(),
        m.ownBytes(),
        (System.nanoTime() - start) / 1_000_000,
        t);
  }

  /**
   * Takes a log backup: the log since the newest backup of this database in the target, so that
   * {@code thermo recover --until} can reach any commit in between.
   */
  public CreatedBackup createLog(String target, ProgressListener progress) {
    long start = System.nanoTime();
    String t = target == null || target.isBlank() ? defaultTarget() : target;
    BackupManifest m = db.backups().createLog(t, progress);
    return new CreatedBackup(
        m.id(),
        m.label(),
        m.commitId(),
        time(m.createdMicros()),
        m.files().size(),
        m.ownBytes(),
        (System.nanoTime() - start) / 1_000_000,
        t);
  }

  public List<BackupInfo> list(String target) {
    String t = target == null || target.isBlank() ? defaultTarget() : target;
    List<BackupInfo> out = new ArrayList<>();
    for (BackupCatalog.Entry e : db.backups().list(t)) {
      out.add(info(e, t));
    }
    return out;
  }

  public VerifyResult verify(String target, String id, ProgressListener progress) {
    String t = target == null || target.isBlank() ? defaultTarget() : target;
    return result(db.backups().verify(t, id, progress));
  }

  /** {@link #verify} without a server (the backup's target is read directly). */
  public static VerifyResult verifyOffline(String target, String id, ProgressListener progress) {
    return result(Backups.verifyAt(target, id, progress));
  }

  public void delete(String target, String id) {
    db.backups().delete(target == null || target.isBlank() ? defaultTarget() : target, id);
  }

  /** The newest complete backup in the default target, or null. */
  public BackupInfo last() {
    BackupInfo last = null;
    for (BackupInfo b : list(null)) {
      if (b.status().equals(BackupStatus.COMPLETE.name())) {
        last = b;
      }
    }
    return last;
  }

  static BackupInfo info(BackupCatalog.Entry e, String target) {
    return new BackupInfo(
        e.id(),
        e.kind() == null ? null : e.kind().name(),
        e.label(),
        e.commitId(),
        e.createdMicros() <= 0 ? null : time(e.createdMicros()),
        e.sizeBytes(),
        e.status().name(),
        target);
  }

  private static VerifyResult result(BackupVerifier.Report r) {
    List<String> damages = new ArrayList<>();
    for (BackupVerifier.Damage d : r.damages()) {
      damages.add(d.file() + ": " + d.problem());
    }
    return new VerifyResult(r.id(), r.intact(), r.files(), r.bytes(), damages);
  }

  private static String time(long micros) {
    return Instant.EPOCH.plusNanos(micros * 1000).toString();
  }
}
