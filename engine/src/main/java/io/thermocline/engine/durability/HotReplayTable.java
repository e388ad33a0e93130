package io.thermocline.engine.durability;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.table.RowBatches;
import io.thermocline.engine.table.TierTouches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The net hot effect of the replayed commits on one table, computed before any row reaches the hot
 * tier: rows the log inserted and that are still live (with their commit ids), and rows the log
 * ended that it had not inserted itself, which must therefore be checkpoint rows and are dropped
 * while the checkpoint loads. A logged end thus costs one hash lookup instead of a pass over the
 * hot tier; equal rows are interchangeable, so which twin an end takes does not matter. No version
 * older than the restart is ever read, so dropping ended rows loses nothing. Single-threaded.
 */
final class HotReplayTable {
  private static final int BATCH_ROWS = 1 << 16;

  private final HybridTable table;
  private final int columns;
  private final List<Object[]> inserted = new ArrayList<>();
  private long[] insertedCids = new long[1024];
  private final BitSet dead = new BitSet();
  private final Map<RowKey, IntStack> liveInserted = new HashMap<>();
  private final Map<RowKey, long[]> endedInCheckpoint = new HashMap<>();
  private long pendingCheckpointEnds;

  HotReplayTable(HybridTable table) {
    this.table = table;
    this.columns = table.schema().size();
  }

  HybridTable table() {
    return table;
  }

  /** Rows logged before an ADD COLUMN lack the new columns: NULL. */
  private Object[] pad(Object[] row) {
    return row.length == columns ? row : Arrays.copyOf(row, columns);
  }

  void end(Object[] row, long cid) {
    RowKey key = new RowKey(pad(row));
    IntStack live = liveInserted.get(key);
    if (live != null) {
      dead.set(live.pop());
      if (live.isEmpty()) {
        liveInserted.remove(key);
      }
      return;
    }
    long[] count = endedInCheckpoint.computeIfAbsent(key, k -> new long[2]);
    if (count[0] == 0) {
      count[1] = cid;
    }
    count[0]++;
    pendingCheckpointEnds++;
  }

  void insert(Object[] row, long cid) {
    Object[] padded = pad(row);
    int index = inserted.size();
    inserted.add(padded);
    if (index == insertedCids.length) {
      insertedCids = Arrays.copyOf(insertedCids, index * 2);
    }
    insertedCids[index] = cid;
    liveInserted.computeIfAbsent(new RowKey(padded), k -> new IntStack()).push(index);
  }

  /** Whether checkpoint rows must be checked against logged ends. */
  boolean dropsCheckpointRows() {
    return pendingCheckpointEnds > 0;
  }

  /**
   * Whether row {@code r} of a checkpoint batch was ended by a replayed commit; if so the end is
   * used up (each logged end drops one twin).
   */
  boolean dropCheckpointRow(ColumnBatch b, int r) {
    if (pendingCheckpointEnds == 0) {
      return false;
    }
    if (!mayContainHash(RowKey.hash(b, r))) {
      return false;
    }
    RowKey key = new RowKey(b.row(r));
    long[] count = endedInCheckpoint.get(key);
    if (count == null) {
      return false;
    }
    if (--count[0] == 0) {
      endedInCheckpoint.remove(key);
    }
    pendingCheckpointEnds--;
    return true;
  }

  /**
   * A one-hash bit filter of the pending ends, built once: most checkpoint rows are rejected
   * without building a key. Ends used up later stay in it (a false positive only costs an exact
   * lookup).
   */
  private long[] filter;

  private boolean mayContainHash(int h) {
    if (filter == null) {
      int bits = Integer.highestOneBit(Math.max(64, endedInCheckpoint.size() * 8 - 1)) << 1;
      filter = new long[bits >>> 6];
      for (RowKey k : endedInCheckpoint.keySet()) {
        int i = spread(k.hashCode()) & (bits - 1);
        filter[i >>> 6] |= 1L << i;
      }
    }
    int i = spread(h) & ((filter.length << 6) - 1);
    return (filter[i >>> 6] & (1L << i)) != 0;
  }

  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  /** Logged ends that matched neither a replayed insert nor a checkpoint row. */
  long unmatchedEnds() {
    return pendingCheckpointEnds;
  }

  /** The commit of the first unmatched end, for the resolution. */
  long firstUnmatchedCid() {
    long first = Long.MAX_VALUE;
    for (long[] count : endedInCheckpoint.values()) {
      first = Math.min(first, count[1]);
    }
    return first == Long.MAX_VALUE ? -1 : first;
  }

  /** Inserts the live replayed rows into the hot tier, each at its own commit id, in log order. */
  long placeInserted() {
    Schema s = table.schema();
    long placed = 0;
    List<Object[]> batch = new ArrayList<>();
    long batchCid = -1;
    for (int i = 0; i < inserted.size(); i++) {
      if (dead.get(i)) {
        continue;
      }
      long cid = insertedCids[i];
      if (!batch.isEmpty() && (cid != batchCid || batch.size() == BATCH_ROWS)) {
        placed += insertRows(s, batchCid, batch);
        batch = new ArrayList<>();
      }
      batchCid = cid;
      batch.add(inserted.get(i));
      inserted.set(i, null); // let the rows go as they move into the hot tier
    }
    if (!batch.isEmpty()) {
      placed += insertRows(s, batchCid, batch);
    }
    inserted.clear();
    liveInserted.clear();
    return placed;
  }

  private long insertRows(Schema s, long cid, List<Object[]> rows) {
    table.insert(cid, List.of(RowBatches.fromRows(s, rows)), List.of(), new TierTouches());
    return rows.size();
  }

  /** The indexes of live inserted rows with one key (mostly one). */
  private static final class IntStack {
    private int[] values = new int[1];
    private int size;

    void push(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int pop() {
      return values[--size];
    }

    boolean isEmpty() {
      return size == 0;
    }
  }
}
