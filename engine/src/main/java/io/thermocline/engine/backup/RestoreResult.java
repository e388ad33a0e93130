package io.thermocline.engine.backup;

import java.util.List;

/**
 * What a restore did: the full backup, the log backups applied, the commit id the directory now
 * opens at, and bytes copied. Immutable.
 */
public record RestoreResult(
    String fullBackup, List<String> logBackups, long commitId, long commits, long bytes) {
  public RestoreResult {
    logBackups = List.copyOf(logBackups);
  }
}
