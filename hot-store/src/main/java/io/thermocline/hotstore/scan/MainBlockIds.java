package io.thermocline.hotstore.scan;

import io.thermocline.hotstore.main.MainStore;
import java.util.Arrays;

/**
 * Unpacked value ids of the current block, per column, unpacked at most once per block however many
 * filter terms, aggregates and outputs read them. One per thread and main segment.
 */
public final class MainBlockIds {
  private final MainStore main;
  private final int[][] ids;
  private final int[] loaded;

  public MainBlockIds(MainStore main, int blockSize) {
    this.main = main;
    this.ids = new int[main.columnCount()][];
    this.loaded = new int[main.columnCount()];
    Arrays.fill(loaded, -1);
    for (int c = 0; c < ids.length; c++) {
      ids[c] = new int[blockSize];
    }
  }

  public MainStore main() {
    return main;
  }

  /** The ids of rows {@code [start, start + n)} of a column, at indexes {@code [0, n)}. */
  public int[] ids(int column, int start, int n) {
    if (loaded[column] != start) {
      main.column(column).unpackIds(start, n, ids[column]);
      loaded[column] = start;
    }
    return ids[column];
  }
}
