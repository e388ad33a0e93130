package io.thermocline.hotstore.merge;

/**
 * Which rows of a source (old main or frozen delta) survive a merge, and where a survivor lands in
 * the new main: {@code offset + rank among survivors}. When nothing is dropped it costs nothing;
 * otherwise one bit per row plus a prefix count per 64 rows. A merge that reorders rows (a series
 * main sorts by series key and period) gives every row's new position explicitly instead. Immutable
 * once built.
 */
public final class SurvivorMap {
  private final int rows;
  private final int offset;
  private final long[] bits;
  private final int[] prefix;
  private final int survivors;
  private final int[] positions;

  private SurvivorMap(int rows, int offset, long[] bits) {
    this.rows = rows;
    this.offset = offset;
    this.bits = bits;
    this.positions = null;
    if (bits == null) {
      prefix = null;
      survivors = rows;
    } else {
      prefix = new int[bits.length + 1];
      for (int w = 0; w < bits.length; w++) {
        prefix[w + 1] = prefix[w] + Long.bitCount(bits[w]);
      }
      survivors = prefix[bits.length];
    }
  }

  private SurvivorMap(int[] positions) {
    this.rows = positions.length;
    this.offset = 0;
    this.bits = null;
    this.prefix = null;
    this.positions = positions;
    int n = 0;
    for (int p : positions) {
      n += p >= 0 ? 1 : 0;
    }
    this.survivors = n;
  }

  /** Row {@code r} lands at {@code positions[r]}, or is dropped when that is negative; kept. */
  public static SurvivorMap mapped(int[] positions) {
    return new SurvivorMap(positions);
  }

  /** Every row survives. */
  public static SurvivorMap all(int rows, int offset) {
    return new SurvivorMap(rows, offset, null);
  }

  /** Rows whose bit is set survive; {@code bits} is kept. */
  public static SurvivorMap of(int rows, int offset, long[] bits) {
    return new SurvivorMap(rows, offset, bits);
  }

  public int rows() {
    return rows;
  }

  public int survivors() {
    return survivors;
  }

  public boolean dropsAny() {
    return survivors != rows;
  }

  public boolean survives(int row) {
    if (positions != null) {
      return positions[row] >= 0;
    }
    return bits == null || (bits[row >>> 6] & (1L << row)) != 0;
  }

  /** The row of a survivor in the new main. */
  public int newPosition(int row) {
    if (positions != null) {
      return positions[row];
    }
    if (bits == null) {
      return offset + row;
    }
    int w = row >>> 6;
    return offset + prefix[w] + Long.bitCount(bits[w] & ((1L << row) - 1));
  }
}
