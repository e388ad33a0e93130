package io.thermocline.coldstore;

/**
 * What one compaction did: files written and retired, retired files deleted from disk, delta rows
 * folded into files (or dropped, when already ended) and tombstones folded.
 */
public record CompactionResult(
    int filesWritten,
    int filesRetired,
    int filesDeleted,
    long deltaRowsFolded,
    long tombstonesFolded) {

  public static final CompactionResult NOTHING = new CompactionResult(0, 0, 0, 0, 0);

  public boolean changedAnything() {
    return filesWritten + filesRetired + filesDeleted > 0 || deltaRowsFolded + tombstonesFolded > 0;
  }
}
