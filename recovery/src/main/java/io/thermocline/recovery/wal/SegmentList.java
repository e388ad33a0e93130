package io.thermocline.recovery.wal;

import java.util.ArrayList;
import java.util.List;

/**
 * The log's segment files in LSN order; the last is the active one. The flusher appends on roll,
 * truncation removes from the head, readers take snapshots. Guarded by its monitor.
 */
final class SegmentList {
  /** One segment file and the LSN of its first record. */
  record Entry(String path, long baseLsn) {}

  private final List<Entry> entries = new ArrayList<>();

  SegmentList(List<Entry> initial) {
    entries.addAll(initial);
  }

  synchronized void add(Entry entry) {
    entries.add(entry);
  }

  synchronized List<Entry> snapshot() {
    return List.copyOf(entries);
  }

  /** Removes the oldest segment, which must be {@code expected}. */
  synchronized void removeHead(Entry expected) {
    if (entries.isEmpty() || !entries.get(0).equals(expected)) {
      throw new IllegalStateException("segment " + expected.path() + " is not the oldest");
    }
    entries.remove(0);
  }

  synchronized int size() {
    return entries.size();
  }
}
