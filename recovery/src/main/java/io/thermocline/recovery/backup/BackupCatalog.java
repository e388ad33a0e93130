package io.thermocline.recovery.backup;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The backups in one target (a directory or a Hadoop URI): each is a sub-directory named by its id
 * holding {@code manifest.thrm}. Lists them with their status, reads manifests, deletes backups
 * (refusing one that a later backup of its chain still needs). Stateless; it reads the target on
 * every call, so several processes may share a target as long as they do not delete the same
 * backup.
 */
public final class BackupCatalog {

  /** One backup as listed (the manifest is null unless the status is COMPLETE). */
  public record Entry(
      String id,
      BackupKind kind,
      String label,
      long commitId,
      long createdMicros,
      long sizeBytes,
      BackupStatus status,
      BackupManifest manifest) {}

  private BackupCatalog() {}

  /** Every backup in {@code target}, oldest first (by creation time, then id). */
  public static List<Entry> list(FileIO io, String target) {
    List<Entry> out = new ArrayList<>();
    try {
      for (String name : io.list(target)) {
        String dir = io.resolve(target, name);
        List<String> content = io.list(dir);
        if (content.isEmpty() || content.equals(List.of(name))) {
          continue; // a stray file, or an empty directory
        }
        out.add(entry(io, dir, name, content));
      }
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot list backups in " + target + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparingLong(Entry::createdMicros).thenComparing(Entry::id));
    return out;
  }

  private static Entry entry(FileIO io, String dir, String name, List<String> content) {
    BackupKind guessed =
        name.contains("-" + BackupKind.LOG.name().toLowerCase(Locale.ROOT))
            ? BackupKind.LOG
            : BackupKind.FULL;
    if (!content.contains(ManifestCodec.FILE_NAME)) {
      return new Entry(name, guessed, "", -1, 0, 0, BackupStatus.INCOMPLETE, null);
    }
    try {
      BackupManifest m = ManifestCodec.read(io, io.resolve(dir, ManifestCodec.FILE_NAME));
      return new Entry(
          m.id(),
          m.kind(),
          m.label(),
          m.commitId(),
          m.createdMicros(),
          m.ownBytes(),
          BackupStatus.COMPLETE,
          m);
    } catch (IOException | ThermoException e) {
      return new Entry(name, guessed, "", -1, 0, 0, BackupStatus.DAMAGED, null);
    }
  }

  /**
   * The manifest of backup {@code id}: {@code INVALID_ARGUMENT} if there is no such backup, {@code
   * BACKUP_DAMAGED} naming the manifest if it is missing or damaged.
   */
  public static BackupManifest read(FileIO io, String target, String id) {
    String dir = io.resolve(target, id);
    String path = io.resolve(dir, ManifestCodec.FILE_NAME);
    try {
      if (!io.exists(path)) {
        if (io.list(dir).isEmpty()) {
          throw new ThermoException(
              ErrorCode.INVALID_ARGUMENT,
              "no backup " + id + " in " + target + "; it has " + ids(list(io, target)));
        }
        throw new ThermoException(
            ErrorCode.BACKUP_DAMAGED, "backup " + id + " is incomplete: " + path + " is missing");
      }
      return ManifestCodec.read(io, path);
    } catch (CorruptFileException e) {
      throw new ThermoException(
          ErrorCode.BACKUP_DAMAGED,
          "backup " + id + " is damaged: " + path + ": " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** Where the bytes of {@code f} are: in the directory of the backup that stored them. */
  public static String location(FileIO io, String target, BackupFile f) {
    return io.resolve(io.resolve(target, f.storedIn()), f.path());
  }

  /**
   * Deletes backup {@code id} (a damaged or incomplete one too). Refused while a later complete
   * backup stores files in it or continues its chain: delete those first.
   */
  public static void delete(FileIO io, String target, String id) {
    List<Entry> all = list(io, target);
    boolean found = false;
    List<String> dependents = new ArrayList<>();
    for (Entry e : all) {
      if (e.id().equals(id)) {
        found = true;
        continue;
      }
      BackupManifest m = e.manifest();
      if (m == null) {
        continue;
      }
      boolean needs = id.equals(m.previous());
      for (BackupFile f : m.files()) {
        needs |= f.storedIn().equals(id);
      }
      if (needs) {
        dependents.add(e.id());
      }
    }
    if (!found) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "no backup " + id + " in " + target + "; it has " + ids(all));
    }
    if (!dependents.isEmpty()) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "backup " + id + " in " + target + " is needed by the later backups " + dependents);
    }
    deleteTree(io, io.resolve(target, id));
  }

  private static List<String> ids(List<Entry> entries) {
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      out.add(e.id());
    }
    return out;
  }

  /**
   * Deletes a directory and everything under it (best effort per entry; the first failure is
   * reported after the rest was tried).
   */
  static void deleteTree(FileIO io, String path) {
    IOException first = null;
    try {
      String name = path.substring(path.lastIndexOf('/') + 1);
      List<String> children = io.list(path);
      // A Hadoop file system lists a plain file as itself.
      if (!children.isEmpty() && !children.equals(List.of(name))) {
        for (String c : children) {
          deleteTree(io, io.resolve(path, c));
        }
      }
      io.delete(path);
    } catch (IOException e) {
      first = e;
    }
    if (first != null) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot delete " + path + ": " + first.getMessage(), first);
    }
  }
}
