package io.thermocline.engine.backup;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.durability.CommitRecord;
import io.thermocline.recovery.backup.BackupCatalog;
import io.thermocline.recovery.backup.BackupKind;
import io.thermocline.recovery.backup.BackupManifest;
import io.thermocline.recovery.backup.BackupStatus;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decides a point-in-time recovery: the commit id T it reaches, the cold image to start from (the
 * first image of the chain at or after T), and the log records to re-apply. It refuses what it
 * cannot do exactly: a T before the full backup, a T older than the image's compaction horizon (the
 * history was folded, which happens only when the database restarted between backups), or a DDL
 * between T and the image (the catalog is not versioned). Stateless.
 */
final class PointInTime {

  /** The decision. */
  record Plan(
      BackupManifest image,
      List<BackupManifest> logs,
      List<ArchivedLog.Entry> records,
      long commitId) {}

  private PointInTime() {}

  /**
   * The log backups continuing {@code full}, oldest first, as long as each names its predecessor.
   */
  static List<BackupManifest> chain(BackupTarget target, BackupManifest full) {
    List<BackupManifest> candidates = new ArrayList<>();
    for (BackupCatalog.Entry e : BackupCatalog.list(target.io(), target.path())) {
      BackupManifest m = e.manifest();
      if (e.status() == BackupStatus.COMPLETE
          && m.kind() == BackupKind.LOG
          && m.database().equals(full.database())
          && full.id().equals(m.attribute(BackupRun.ATTR_FULL, ""))) {
        candidates.add(m);
      }
    }
    candidates.sort(Comparator.comparingLong(BackupManifest::toLsn));
    List<BackupManifest> chain = new ArrayList<>();
    String previous = full.id();
    for (BackupManifest m : candidates) {
      if (!previous.equals(m.previous())) {
        break;
      }
      chain.add(m);
      previous = m.id();
    }
    return chain;
  }

  /**
   * The part of {@code chain} a recovery to the options' point reads: up to the first log backup at
   * or after it (later ones are not read, so damage in them does not matter).
   */
  static List<BackupManifest> needed(List<BackupManifest> chain, RestoreOptions options) {
    List<BackupManifest> out = new ArrayList<>();
    long micros =
        options.untilTime() == null
            ? Long.MAX_VALUE
            : ChronoUnit.MICROS.between(java.time.Instant.EPOCH, options.untilTime());
    for (BackupManifest m : chain) {
      out.add(m);
      long time = Long.parseLong(m.attribute(BackupRun.ATTR_TIME, "0"));
      if (m.commitId() >= options.untilCid() || time > micros) {
        break;
      }
    }
    return out;
  }

  /**
   * @param hotCid the commit id of the full backup's hot checkpoint: records of later commits are
   *     re-applied
   */
  static Plan plan(
      BackupManifest full,
      long hotCid,
      List<BackupManifest> chain,
      List<ArchivedLog.Entry> records,
      RestoreOptions options) {
    long c = full.commitId();
    long t = options.untilCid() == RestoreOptions.NO_CID ? Long.MAX_VALUE : options.untilCid();
    if (options.untilTime() != null) {
      long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, options.untilTime());
      long fullTime = Long.parseLong(full.attribute(BackupRun.ATTR_TIME, "0"));
      if (micros < fullTime) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "the point in time "
                + options.untilTime()
                + " is before the full backup "
                + full.id()
                + "; restore an older full backup");
      }
      long byTime = c;
      for (ArchivedLog.Entry e : records) {
        boolean point = e.kind() == CommitRecord.Kind.COMMIT || e.kind() == CommitRecord.Kind.DDL;
        if (point && e.cid() > c) {
          if (e.timeMicros() > micros) {
            break;
          }
          byTime = e.cid();
        }
      }
      t = Math.min(t, byTime);
    }
    if (t < c) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "commit id " + t + " is before the full backup " + full.id() + " at commit id " + c);
    }
    BackupManifest image = full;
    List<BackupManifest> logs = new ArrayList<>();
    if (t > c) {
      for (BackupManifest m : chain) {
        logs.add(m);
        image = m;
        if (m.commitId() >= t) {
          break;
        }
      }
      t = Math.min(t, image.commitId());
    }
    checkHorizons(image, t);
    List<ArchivedLog.Entry> keep = new ArrayList<>();
    for (ArchivedLog.Entry e : records) {
      if (e.cid() <= hotCid || e.cid() > image.commitId()) {
        continue;
      }
      if (e.cid() <= t) {
        keep.add(e);
      } else if (e.kind() == CommitRecord.Kind.INTENT) {
        keep.add(e); // without its commit record: restart undoes it in the cold image
      } else if (e.kind() == CommitRecord.Kind.DDL) {
        throw new ThermoException(
            ErrorCode.UNSUPPORTED,
            "a table was created, altered or dropped at commit id "
                + e.cid()
                + ", between the point in time (commit id "
                + t
                + ") and the log backup "
                + image.id()
                + " at "
                + image.commitId()
                + "; recover to a point before "
                + e.cid()
                + " is possible only with a log backup taken before it");
      }
    }
    return new Plan(image, logs, keep, t);
  }

  private static void checkHorizons(BackupManifest image, long t) {
    for (Map.Entry<String, String> a : image.attributes().entrySet()) {
      if (a.getKey().startsWith(BackupRun.ATTR_HORIZON) && Long.parseLong(a.getValue()) > t) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "cold table "
                + a.getKey().substring(BackupRun.ATTR_HORIZON.length())
                + " was compacted up to commit id "
                + a.getValue()
                + " before log backup "
                + image.id()
                + " was taken, so commit id "
                + t
                + " cannot be recovered from it");
      }
    }
  }
}
