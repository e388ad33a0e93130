package io.thermocline.timeseries.codec;

/**
 * Optimal prefix code lengths (Huffman) for symbol frequencies, limited to a maximum length by
 * halving the frequencies until the code fits. Pure static functions; arrays allocated per call.
 */
final class HuffmanCodeLengths {
  private HuffmanCodeLengths() {}

  /**
   * Code lengths for {@code freq[0, n)} (all positive), none longer than {@code maxLength}, which
   * must be at least ceil(log2 n). A single symbol gets length 0: it needs no bits.
   */
  static int[] of(long[] freq, int n, int maxLength) {
    int[] lengths = new int[n];
    if (n == 1) {
      return lengths;
    }
    long[] w = java.util.Arrays.copyOf(freq, n);
    while (true) {
      build(w, n, lengths);
      int max = 0;
      for (int i = 0; i < n; i++) {
        max = Math.max(max, lengths[i]);
      }
      if (max <= maxLength) {
        return lengths;
      }
      // Flattening the distribution shortens the longest codes; all-ones gives a balanced code.
      for (int i = 0; i < n; i++) {
        w[i] = (w[i] + 1) >>> 1;
      }
    }
  }

  /** The two-queue Huffman construction over leaves sorted by weight. */
  private static void build(long[] w, int n, int[] lengths) {
    int[] order = sortedByWeight(w, n);
    long[] nodeWeight = new long[n - 1];
    int[] leafParent = new int[n];
    int[] nodeParent = new int[n - 1];
    int leaf = 0;
    int node = 0;
    for (int k = 0; k < n - 1; k++) {
      long sum = 0;
      for (int pick = 0; pick < 2; pick++) {
        boolean takeLeaf = leaf < n && (node >= k || w[order[leaf]] <= nodeWeight[node]);
        if (takeLeaf) {
          sum += w[order[leaf]];
          leafParent[order[leaf++]] = k;
        } else {
          sum += nodeWeight[node];
          nodeParent[node++] = k;
        }
      }
      nodeWeight[k] = sum;
    }
    int[] depth = new int[n - 1];
    for (int k = n - 3; k >= 0; k--) {
      depth[k] = depth[nodeParent[k]] + 1;
    }
    for (int i = 0; i < n; i++) {
      lengths[i] = depth[leafParent[i]] + 1;
    }
  }

  /** Indices of {@code w[0, n)} by ascending weight (packed sort: weight high bits, index low). */
  private static int[] sortedByWeight(long[] w, int n) {
    long[] keyed = new long[n];
    int indexBits = 64 - Long.numberOfLeadingZeros(n);
    long maxWeight = (1L << (63 - indexBits)) - 1;
    for (int i = 0; i < n; i++) {
      keyed[i] = (Math.min(w[i], maxWeight) << indexBits) | i;
    }
    java.util.Arrays.sort(keyed);
    int[] order = new int[n];
    long mask = (1L << indexBits) - 1;
    for (int i = 0; i < n; i++) {
      order[i] = (int) (keyed[i] & mask);
    }
    return order;
  }
}
