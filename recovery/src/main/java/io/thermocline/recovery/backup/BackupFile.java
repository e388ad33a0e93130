package io.thermocline.recovery.backup;

import java.util.Objects;

/**
 * One file of a backup: its path inside the backup (with {@code /} separators), its size and the
 * SHA-256 of its bytes (lower-case hex). {@code storedIn} is the id of the backup whose directory
 * holds the bytes: the backup itself, or an earlier backup of the same chain that already copied an
 * identical immutable file (a cold Parquet file), so it is stored once. Immutable.
 */
public record BackupFile(String path, long size, String sha256, String storedIn) {

  public BackupFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(storedIn, "storedIn");
    if (path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
      throw new IllegalArgumentException("backup file path must be relative and plain: " + path);
    }
  }
}
