package io.thermocline.hotstore;

import java.util.Arrays;

/**
 * Ends that the writer stamped on rows a running merge is rebuilding (old main or frozen deltas),
 * recorded as (source, row, cid) so they can be applied to the new main before the swap. Source 0
 * is the old main, source {@code i > 0} the i-th frozen delta. Guarded by the partition's write
 * lock.
 */
final class PendingEnds {
  private int[] sources = new int[64];
  private int[] rows = new int[64];
  private long[] cids = new long[64];
  private int size;

  void add(int source, int row, long cid) {
    if (size == rows.length) {
      sources = Arrays.copyOf(sources, size * 2);
      rows = Arrays.copyOf(rows, size * 2);
      cids = Arrays.copyOf(cids, size * 2);
    }
    sources[size] = source;
    rows[size] = row;
    cids[size] = cid;
    size++;
  }

  int size() {
    return size;
  }

  int source(int i) {
    return sources[i];
  }

  int row(int i) {
    return rows[i];
  }

  long cid(int i) {
    return cids[i];
  }
}
