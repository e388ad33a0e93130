package io.thermocline.hotstore.mvcc;

import io.thermocline.hotstore.bits.BitPackedInts;
import io.thermocline.hotstore.bits.Masks;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntConsumer;

/**
 * Create and end commit ids of the rows of one main. A row is visible at snapshot {@code S} iff
 * {@code create <= S < end}.
 *
 * <p>Creates are immutable: a create id at or below the oldest live snapshot of the merge that
 * built this main is stored as 0 (visible to everyone alive), the others frame-of-reference
 * bit-packed as {@code cid - base + 1}; when all collapsed the width is 0 and they cost nothing.
 * Ends are written by the partition's single writer into chunks of {@link #CHUNK_ROWS} rows that
 * are allocated (filled with {@link Long#MAX_VALUE}, "not ended") only when a row of the chunk
 * ends, so a main without deletes costs about 0 bytes per row. A chunk is published through an
 * {@link AtomicReferenceArray} after it is filled; readers need no lock.
 */
public final class MainVersions {
  public static final int CHUNK_ROWS = 4096;
  public static final long NOT_ENDED = Long.MAX_VALUE;

  private final int rowCount;
  private final BitPackedInts creates;
  private final long base;
  private final long maxCreate;
  private final AtomicReferenceArray<long[]> ends;
  private volatile int endChunks;

  private MainVersions(
      int rowCount,
      BitPackedInts creates,
      long base,
      long maxCreate,
      AtomicReferenceArray<long[]> e) {
    this.rowCount = rowCount;
    this.creates = creates;
    this.base = base;
    this.maxCreate = maxCreate;
    this.ends = e;
    int n = 0;
    for (int i = 0; i < e.length(); i++) {
      n += e.get(i) == null ? 0 : 1;
    }
    this.endChunks = n;
  }

  /**
   * A builder for {@code rows} rows whose uncollapsed create ids lie in {@code [minCreate,
   * maxCreate]} ({@code maxCreate == 0}: all collapsed).
   */
  public static Builder builder(int rows, long minCreate, long maxCreate) {
    return new Builder(rows, minCreate, maxCreate);
  }

  public int rowCount() {
    return rowCount;
  }

  /** The create commit id of a row (0 when collapsed). */
  public long create(int row) {
    long e = creates.get(row);
    return e == 0 ? 0 : e - 1 + base;
  }

  /** The end commit id of a row, {@link #NOT_ENDED} if it is live. */
  public long end(int row) {
    long[] chunk = ends.get(row / CHUNK_ROWS);
    return chunk == null ? NOT_ENDED : chunk[row % CHUNK_ROWS];
  }

  /** Whether no create id remains uncollapsed (creates cost 0 bits). */
  public boolean allCollapsed() {
    return creates.width() == 0;
  }

  /** The largest create commit id (0 when all collapsed). */
  public long maxCreate() {
    return maxCreate;
  }

  /** The smallest uncollapsed create id (meaningless when {@link #allCollapsed()}). */
  public long minCreate() {
    return base;
  }

  /** Whether some row ended at or before {@code snapshot} (a merge would drop it). */
  public boolean anyEndedAtOrBefore(long snapshot) {
    if (endChunks == 0) {
      return false;
    }
    for (int c = 0; c < ends.length(); c++) {
      long[] chunk = ends.get(c);
      if (chunk != null) {
        for (long e : chunk) {
          if (e <= snapshot) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Passes every row created at {@code cid} to {@code action}, in row order. */
  public void forEachCreatedAt(long cid, IntConsumer action) {
    if (creates.width() == 0 || cid < base || cid > maxCreate) {
      return;
    }
    for (int r = 0; r < rowCount; r++) {
      if (create(r) == cid) {
        action.accept(r);
      }
    }
  }

  /** Passes every row ended at {@code cid} to {@code action}; reads only allocated end chunks. */
  public void forEachEndedAt(long cid, IntConsumer action) {
    if (endChunks == 0) {
      return;
    }
    for (int c = 0; c < ends.length(); c++) {
      long[] chunk = ends.get(c);
      if (chunk == null) {
        continue;
      }
      int first = c * CHUNK_ROWS;
      int n = Math.min(CHUNK_ROWS, rowCount - first);
      for (int o = 0; o < n; o++) {
        if (chunk[o] == cid) {
          action.accept(first + o);
        }
      }
    }
  }

  /** Whether any row has an end stamp. */
  public boolean anyEnded() {
    return endChunks > 0;
  }

  /** Writer only (under the partition's write lock): ends a row at {@code cid}. */
  public void setEnd(int row, long cid) {
    int c = row / CHUNK_ROWS;
    long[] chunk = ends.get(c);
    if (chunk == null) {
      chunk = new long[CHUNK_ROWS];
      Arrays.fill(chunk, NOT_ENDED);
      chunk[row % CHUNK_ROWS] = cid;
      ends.set(c, chunk);
      endChunks++;
      return;
    }
    chunk[row % CHUNK_ROWS] = cid;
  }

  /**
   * Sets bits {@code [0, n)} of {@code mask} for the rows {@code [start, start + n)} visible at
   * {@code snapshot}. {@code start} is a multiple of 64 and the range lies within one chunk; {@code
   * scratch} holds at least {@code n} longs. Returns whether any bit is set.
   */
  public boolean visibility(int start, int n, long snapshot, long[] mask, long[] scratch) {
    if (creates.width() == 0 || snapshot >= maxCreate) {
      Masks.fillOnes(mask, n);
    } else {
      long threshold = snapshot < base ? 0 : snapshot - base + 1;
      creates.unpackLongs(start, n, scratch);
      buildLessOrEqual(scratch, n, threshold, mask);
    }
    long[] chunk = ends.get(start / CHUNK_ROWS);
    if (chunk != null) {
      int off = start % CHUNK_ROWS;
      for (int w = 0, words = Masks.words(n); w < words; w++) {
        long bits = mask[w];
        long keep = 0;
        int lim = Math.min(64, n - (w << 6));
        int o = off + (w << 6);
        for (int b = 0; b < lim; b++) {
          keep |= (chunk[o + b] > snapshot ? 1L : 0L) << b;
        }
        mask[w] = bits & keep;
      }
    }
    return !Masks.isEmpty(mask, n);
  }

  private static void buildLessOrEqual(long[] values, int n, long threshold, long[] mask) {
    for (int w = 0, words = Masks.words(n); w < words; w++) {
      long bits = 0;
      int lim = Math.min(64, n - (w << 6));
      int o = w << 6;
      for (int b = 0; b < lim; b++) {
        bits |= (Long.compareUnsigned(values[o + b], threshold) <= 0 ? 1L : 0L) << b;
      }
      mask[w] = bits;
    }
  }

  /** Heap bytes: packed creates, the end chunk directory and the allocated end chunks. */
  public long bytes() {
    return creates.bytes() + 16L + 4L * ends.length() + (long) endChunks * (16L + 8L * CHUNK_ROWS);
  }

  /** Collects creates in row order and ends by row; single-threaded. */
  public static final class Builder {
    private final int rows;
    private final long base;
    private final BitPackedInts.Writer creates;
    private final AtomicReferenceArray<long[]> ends;
    private final long maxCreate;

    private Builder(int rows, long minCreate, long maxCreate) {
      this.rows = rows;
      this.maxCreate = maxCreate;
      this.base = maxCreate == 0 ? 0 : minCreate;
      int width = maxCreate == 0 ? 0 : BitPackedInts.bitsFor(maxCreate - minCreate + 1);
      this.creates = BitPackedInts.writer(width, rows);
      this.ends = new AtomicReferenceArray<>((rows + CHUNK_ROWS - 1) / CHUNK_ROWS);
    }

    /** Appends the next row's create id; 0 means collapsed. */
    public void addCreate(long cid) {
      creates.add(cid == 0 ? 0 : cid - base + 1);
    }

    /** Appends {@code n} rows that all have create id {@code cid}. */
    public void addCreates(long cid, int n) {
      long e = cid == 0 ? 0 : cid - base + 1;
      for (int i = 0; i < n; i++) {
        creates.add(e);
      }
    }

    public void setEnd(int row, long cid) {
      int c = row / CHUNK_ROWS;
      long[] chunk = ends.get(c);
      if (chunk == null) {
        chunk = new long[CHUNK_ROWS];
        Arrays.fill(chunk, NOT_ENDED);
        ends.set(c, chunk);
      }
      chunk[row % CHUNK_ROWS] = cid;
    }

    public MainVersions finish() {
      return new MainVersions(rows, creates.finish(), base, maxCreate, ends);
    }
  }
}
