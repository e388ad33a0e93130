package io.thermocline.engine.series;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The periods of one equidistant series key as a bitmap over grid positions {@code (t - origin) /
 * step}, in pages of {@link #PAGE_BITS} bits allocated where elements are (a gap-free series costs
 * about 0.14 bytes per element, not the 16 of a hash set). A value off the grid (never admitted by
 * the rules; kept for safety) goes to a small hash set. Not thread-safe: commit lock only.
 */
final class GridPeriods implements PeriodSet {
  private static final int PAGE_SHIFT = 12;
  private static final int PAGE_BITS = 1 << PAGE_SHIFT;

  private final long origin;
  private final long step;
  private final Map<Long, long[]> pages = new HashMap<>();
  private HashPeriods offGrid;
  private long lastPageIndex = Long.MIN_VALUE;
  private long[] lastPage;
  private int size;

  GridPeriods(long origin, long step) {
    this.origin = origin;
    this.step = step;
  }

  /** On the grid, and near enough to the origin that positions cannot overflow. */
  private boolean onGrid(long t) {
    long d = t - origin;
    if (((t ^ origin) & (t ^ d)) < 0) {
      return false;
    }
    return Math.floorMod(d, step) == 0;
  }

  private long position(long t) {
    return Math.floorDiv(t - origin, step);
  }

  /** The page of grid position {@code p}, or null when absent and not {@code create}. */
  private long[] page(long p, boolean create) {
    long index = p >> PAGE_SHIFT;
    if (index == lastPageIndex && lastPage != null) {
      return lastPage;
    }
    long[] page = pages.get(index);
    if (page == null && create) {
      page = new long[PAGE_BITS / 64];
      pages.put(index, page);
    }
    if (page != null) {
      lastPageIndex = index;
      lastPage = page;
    }
    return page;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean contains(long t) {
    if (!onGrid(t)) {
      return offGrid != null && offGrid.contains(t);
    }
    long p = position(t);
    long[] page = page(p, false);
    int bit = (int) (p & (PAGE_BITS - 1));
    return page != null && (page[bit >>> 6] & (1L << bit)) != 0;
  }

  @Override
  public boolean add(long t) {
    if (!onGrid(t)) {
      if (offGrid == null) {
        offGrid = new HashPeriods();
      }
      boolean added = offGrid.add(t);
      size += added ? 1 : 0;
      return added;
    }
    long p = position(t);
    long[] page = page(p, true);
    int bit = (int) (p & (PAGE_BITS - 1));
    long mask = 1L << bit;
    if ((page[bit >>> 6] & mask) != 0) {
      return false;
    }
    page[bit >>> 6] |= mask;
    size++;
    return true;
  }

  @Override
  public boolean remove(long t) {
    if (!onGrid(t)) {
      boolean removed = offGrid != null && offGrid.remove(t);
      size -= removed ? 1 : 0;
      return removed;
    }
    long p = position(t);
    long[] page = page(p, false);
    int bit = (int) (p & (PAGE_BITS - 1));
    long mask = 1L << bit;
    if (page == null || (page[bit >>> 6] & mask) == 0) {
      return false;
    }
    page[bit >>> 6] &= ~mask;
    size--;
    if (isEmpty(page)) {
      pages.remove(p >> PAGE_SHIFT);
      lastPage = null;
    }
    return true;
  }

  private static boolean isEmpty(long[] page) {
    for (long w : page) {
      if (w != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void forEach(LongConsumer action) {
    for (Map.Entry<Long, long[]> e : pages.entrySet()) {
      long base = e.getKey() << PAGE_SHIFT;
      long[] page = e.getValue();
      for (int w = 0; w < page.length; w++) {
        long bits = page[w];
        while (bits != 0) {
          int b = Long.numberOfTrailingZeros(bits);
          bits &= bits - 1;
          action.accept(origin + (base + (w << 6) + b) * step);
        }
      }
    }
    if (offGrid != null) {
      offGrid.forEach(action);
    }
  }
}
