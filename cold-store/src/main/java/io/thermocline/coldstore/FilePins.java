package io.thermocline.coldstore;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the open scans reading each file, so compaction never deletes a retired file a running
 * scan still reads (a scan that started before the compaction sees the file as live). Pinning and
 * the delete decision happen under this object's monitor; that is the whole protocol. Thread-safe.
 */
final class FilePins {
  private final Map<Long, Integer> counts = new HashMap<>();

  synchronized void pin(long fileId) {
    counts.merge(fileId, 1, Integer::sum);
  }

  synchronized void unpin(long fileId) {
    counts.computeIfPresent(fileId, (k, v) -> v == 1 ? null : v - 1);
  }

  synchronized boolean isPinned(long fileId) {
    return counts.containsKey(fileId);
  }
}
