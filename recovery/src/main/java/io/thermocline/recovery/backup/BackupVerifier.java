package io.thermocline.recovery.backup;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-reads every file of a backup (also those stored in earlier backups of its chain) and compares
 * size and SHA-256 with the manifest; reports each damaged or missing file by its path. Stateless.
 */
public final class BackupVerifier {

  /** One problem: the file (full path in the target) and what is wrong with it. */
  public record Damage(String file, String problem) {}

  /** What verify found; intact when there is no damage. */
  public record Report(String id, long files, long bytes, List<Damage> damages) {
    public Report {
      damages = List.copyOf(damages);
    }

    public boolean intact() {
      return damages.isEmpty();
    }

    /** Throws {@code BACKUP_DAMAGED} naming every damaged file, unless intact. */
    public void requireIntact() {
      if (!intact()) {
        StringBuilder b = new StringBuilder("backup " + id + " is damaged:");
        for (Damage d : damages) {
          b.append(' ').append(d.file()).append(" (").append(d.problem()).append(");");
        }
        throw new ThermoException(ErrorCode.BACKUP_DAMAGED, b.toString());
      }
    }
  }

  private BackupVerifier() {}

  /** Verifies backup {@code id} in {@code target}; a damaged manifest is one damage. */
  public static Report verify(FileIO io, String target, String id, ProgressListener listener) {
    BackupManifest m;
    try {
      m = BackupCatalog.read(io, target, id);
    } catch (ThermoException e) {
      if (e.code() != ErrorCode.BACKUP_DAMAGED) {
        throw e;
      }
      String manifest = io.resolve(io.resolve(target, id), ManifestCodec.FILE_NAME);
      return new Report(id, 0, 0, List.of(new Damage(manifest, e.getMessage())));
    }
    return verify(io, target, m, listener);
  }

  /** Verifies the files of {@code m}. */
  public static Report verify(
      FileIO io, String target, BackupManifest m, ProgressListener listener) {
    Progress progress = new Progress(listener, m.totalBytes());
    List<Damage> damages = new ArrayList<>();
    long files = 0;
    for (BackupFile f : m.files()) {
      String path = BackupCatalog.location(io, target, f);
      files++;
      try {
        if (!io.exists(path)) {
          damages.add(new Damage(path, "missing"));
          continue;
        }
        HashingCopy.Result r = HashingCopy.hash(io, path, progress);
        if (r.size() != f.size()) {
          damages.add(
              new Damage(path, "size " + r.size() + " bytes, the manifest says " + f.size()));
        } else if (!r.sha256().equals(f.sha256())) {
          damages.add(new Damage(path, "SHA-256 " + r.sha256() + " differs from the manifest"));
        }
      } catch (IOException e) {
        damages.add(new Damage(path, "unreadable: " + e.getMessage()));
      }
    }
    progress.finish();
    return new Report(m.id(), files, progress.done(), damages);
  }

  /**
   * Copies one file out of a backup (a restore) while checking size and SHA-256; a mismatch is
   * {@code BACKUP_DAMAGED} naming the file. The copy is fsynced.
   */
  public static void copyChecked(
      FileIO io, String target, BackupFile f, FileIO destIo, String dest, Progress progress) {
    copyChecked(io, target, f, destIo, dest, progress, null);
  }

  /**
   * {@link #copyChecked(FileIO, String, BackupFile, FileIO, String, Progress)} with a local copy's
   * fsync handed to {@code sync} (null: inline): the copy is durable after {@code sync.await()}.
   */
  public static void copyChecked(
      FileIO io,
      String target,
      BackupFile f,
      FileIO destIo,
      String dest,
      Progress progress,
      DeferredSync sync) {
    String path = BackupCatalog.location(io, target, f);
    HashingCopy.Result r;
    try {
      if (!io.exists(path)) {
        throw new ThermoException(ErrorCode.BACKUP_DAMAGED, "backup file " + path + " is missing");
      }
      r = HashingCopy.copy(io, path, destIo, dest, Long.MAX_VALUE, progress, sync);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "copying " + path + " to " + dest + " failed: " + e.getMessage(), e);
    }
    if (r.size() != f.size() || !r.sha256().equals(f.sha256())) {
      throw new ThermoException(
          ErrorCode.BACKUP_DAMAGED,
          "backup file "
              + path
              + " is damaged: "
              + r.size()
              + " bytes with SHA-256 "
              + r.sha256()
              + ", the manifest says "
              + f.size()
              + " bytes with "
              + f.sha256());
    }
  }
}
