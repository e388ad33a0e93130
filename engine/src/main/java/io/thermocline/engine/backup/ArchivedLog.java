package io.thermocline.engine.backup;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.engine.durability.CommitRecord;
import io.thermocline.recovery.backup.BackupFile;
import io.thermocline.recovery.backup.BackupManifest;
import io.thermocline.recovery.backup.BackupVerifier;
import io.thermocline.recovery.backup.Progress;
import io.thermocline.recovery.wal.WalRecord;
import io.thermocline.recovery.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine records of a chain of log backups: their segments are copied (checked against their
 * SHA-256) into a local scratch directory, the newest copy of each segment winning (a segment that
 * was still being written is in several backups, growing), and read back through the write-ahead
 * log's own recovery, which cuts a torn tail of the last one. Used by one restore.
 */
final class ArchivedLog {

  /** One engine record with its raw payload (re-appended unchanged to the restored log). */
  record Entry(long lsn, CommitRecord.Kind kind, long cid, long timeMicros, byte[] payload) {}

  private ArchivedLog() {}

  /**
   * Every engine record after {@code afterLsn} in the {@code wal/} files of {@code logs} (oldest
   * backup first; a full backup that carries its checkpoint's log may lead).
   */
  static List<Entry> read(
      BackupTarget target,
      List<BackupManifest> logs,
      long afterLsn,
      Path scratch,
      Progress progress) {
    Map<String, BackupFile> newest = new TreeMap<>();
    for (BackupManifest m : logs) {
      for (BackupFile f : m.files()) {
        if (f.path().startsWith(BackupRun.WAL)) {
          BackupFile had = newest.get(f.path());
          if (had == null || had.size() <= f.size()) {
            newest.put(f.path(), f);
          }
        }
      }
    }
    List<Entry> out = new ArrayList<>();
    if (newest.isEmpty()) {
      return out;
    }
    try {
      Files.createDirectories(scratch);
      for (BackupFile f : newest.values()) {
        progress.addTotal(f.size());
      }
      for (BackupFile f : newest.values()) {
        String name = f.path().substring(BackupRun.WAL.length());
        BackupVerifier.copyChecked(
            target.io(),
            target.path(),
            f,
            LocalFileIO.INSTANCE,
            scratch.resolve(name).toString(),
            progress);
      }
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.IO_ERROR, "cannot stage the archived log: " + e, e);
    }
    try (WriteAheadLog wal =
        WriteAheadLog.open(LocalFileIO.INSTANCE, scratch.toString(), Config.defaults())) {
      if (wal.firstLsn() > afterLsn + 1) {
        throw new ThermoException(
            ErrorCode.BACKUP_DAMAGED,
            "the log backups start at LSN "
                + wal.firstLsn()
                + " but the full backup needs the log from LSN "
                + (afterLsn + 1));
      }
      wal.replay(
          afterLsn + 1,
          (WalRecord r) -> {
            if (r.type() == CommitRecord.WAL_TYPE) {
              CommitRecord c = CommitRecord.decode(r.payload(), "archived LSN " + r.lsn());
              out.add(new Entry(r.lsn(), c.kind(), c.cid(), c.commitTimeMicros(), r.payload()));
            }
          });
    } catch (CorruptFileException e) {
      throw new ThermoException(
          ErrorCode.BACKUP_DAMAGED, "an archived log segment is damaged: " + e.getMessage(), e);
    }
    return out;
  }
}
