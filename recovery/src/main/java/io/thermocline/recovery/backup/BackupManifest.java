package io.thermocline.recovery.backup;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one backup is: its id, kind, label, the commit id its image is at, when it was taken, the
 * chain it belongs to, the log range it covers, and every file with its SHA-256. Stored as JSON
 * inside a checksummed container ({@link ManifestCodec}). Immutable.
 *
 * @param id the backup's directory name in the target
 * @param kind full image or log
 * @param label what the user called it (may be empty)
 * @param commitId the commit id the backup restores to (a log backup: the newest commit it holds)
 * @param createdMicros wall-clock time the image was fixed, UTC microseconds
 * @param database the id of the database incarnation (log sequence numbers are per incarnation)
 * @param previous the previous backup of the chain (a log backup's predecessor), or null
 * @param fromLsn the first log sequence number the backup holds (log backups; else 0)
 * @param toLsn the last log sequence number the image or log covers
 * @param files every file, in the order they were added
 * @param attributes what the writer of the image needs to read it back (engine-defined)
 */
public record BackupManifest(
    String id,
    BackupKind kind,
    String label,
    long commitId,
    long createdMicros,
    String database,
    String previous,
    long fromLsn,
    long toLsn,
    List<BackupFile> files,
    Map<String, String> attributes) {

  /** Format name inside the JSON and in the container header. */
  public static final String FORMAT = "thermocline-backup-manifest";

  /** The first version. */
  public static final int VERSION_START = 1;

  public BackupManifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    label = label == null ? "" : label;
    database = database == null ? "" : database;
    files = List.copyOf(files);
    attributes = Map.copyOf(attributes);
  }

  /** Bytes of all files (including those stored in earlier backups of the chain). */
  public long totalBytes() {
    long sum = 0;
    for (BackupFile f : files) {
      sum += f.size();
    }
    return sum;
  }

  /** Bytes stored in this backup's own directory. */
  public long ownBytes() {
    long sum = 0;
    for (BackupFile f : files) {
      if (f.storedIn().equals(id)) {
        sum += f.size();
      }
    }
    return sum;
  }

  /** The file at {@code path}, or null. */
  public BackupFile file(String path) {
    for (BackupFile f : files) {
      if (f.path().equals(path)) {
        return f;
      }
    }
    return null;
  }

  /** An attribute the engine stored, or {@code fallback}. */
  public String attribute(String name, String fallback) {
    return attributes.getOrDefault(name, fallback);
  }
}
