package io.thermocline.coldstore.scan;

import io.thermocline.common.batch.LongVector;

/**
 * The row order that sorts a batch by its time column: NULLs first, then ascending, ties in input
 * order (stable). Already sorted input (the usual case: rows arrive in time order) is detected in
 * one pass; otherwise a merge sort of row indexes over the primitive keys. Stateless.
 */
public final class TimeOrder {
  private TimeOrder() {}

  public static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  public static int[] of(LongVector time) {
    int n = time.size();
    int[] order = identity(n);
    if (isSorted(time, n)) {
      return order;
    }
    int[] tmp = new int[n];
    mergeSort(time, order, tmp, 0, n);
    return order;
  }

  private static boolean isSorted(LongVector v, int n) {
    for (int i = 1; i < n; i++) {
      if (compare(v, i - 1, i) > 0) {
        return false;
      }
    }
    return true;
  }

  private static int compare(LongVector v, int a, int b) {
    boolean na = v.isNull(a);
    boolean nb = v.isNull(b);
    if (na || nb) {
      return na == nb ? 0 : (na ? -1 : 1);
    }
    return Long.compare(v.get(a), v.get(b));
  }

  private static void mergeSort(LongVector v, int[] a, int[] tmp, int from, int to) {
    if (to - from <= 32) {
      for (int i = from + 1; i < to; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= from && compare(v, a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(v, a, tmp, from, mid);
    mergeSort(v, a, tmp, mid, to);
    if (compare(v, a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && compare(v, tmp[i], tmp[j]) <= 0)) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }
}
