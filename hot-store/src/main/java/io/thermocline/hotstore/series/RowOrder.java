package io.thermocline.hotstore.series;

/**
 * Sorts row indexes by (series key columns, period) over primitive sort values, NULL first in each
 * column, ties kept in source order (a stable merge sort: no boxing, one scratch array).
 * Single-threaded.
 */
final class RowOrder {
  private final long[][] values;
  private final long[][] nulls;

  /** {@code values[i]} and {@code nulls[i]} (null: no NULL) for the i-th sort column. */
  RowOrder(long[][] values, long[][] nulls) {
    this.values = values;
    this.nulls = nulls;
  }

  /** Row indexes {@code 0..n-1} in sort order. */
  int[] sorted(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    if (alreadySorted(a, n)) {
      return a;
    }
    int[] tmp = new int[n];
    sort(a, tmp, 0, n);
    return a;
  }

  private boolean alreadySorted(int[] a, int n) {
    for (int i = 1; i < n; i++) {
      if (compare(a[i - 1], a[i]) > 0) {
        return false;
      }
    }
    return true;
  }

  private void sort(int[] a, int[] tmp, int from, int to) {
    int n = to - from;
    if (n < 24) {
      for (int i = from + 1; i < to; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= from && compare(a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sort(a, tmp, from, mid);
    sort(a, tmp, mid, to);
    if (compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, n);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && compare(tmp[i], tmp[j]) <= 0)) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }

  /** Orders two rows by every sort column; NULL before any value. */
  int compare(int x, int y) {
    for (int c = 0; c < values.length; c++) {
      int r = compareColumn(c, x, y);
      if (r != 0) {
        return r;
      }
    }
    return 0;
  }

  /** Whether two rows agree on the first {@code columns} sort columns (NULL equals NULL). */
  boolean samePrefix(int x, int y, int columns) {
    for (int c = 0; c < columns; c++) {
      if (compareColumn(c, x, y) != 0) {
        return false;
      }
    }
    return true;
  }

  private int compareColumn(int c, int x, int y) {
    long[] nb = nulls[c];
    if (nb != null) {
      boolean nx = (nb[x >>> 6] & (1L << x)) != 0;
      boolean ny = (nb[y >>> 6] & (1L << y)) != 0;
      if (nx || ny) {
        return nx == ny ? 0 : (nx ? -1 : 1);
      }
    }
    return Long.compare(values[c][x], values[c][y]);
  }
}
