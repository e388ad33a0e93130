package io.thermocline.hotstore.agg;

/**
 * Numbers the values of one group key within one segment: a dense code per distinct value (NULL
 * included), computed per block for the selected rows, and the storage value back from a code.
 */
interface KeyCoder {
  /** An upper bound of the codes this coder can ever produce, plus one. */
  long cardinalityBound();

  /** The number of codes handed out so far (an upper bound of every code, plus one). */
  int cardinality();

  /**
   * Codes of the selected rows of the block at {@code start}: {@code result[sel[k]]} for {@code k <
   * count}. The array may be shared with the scan (do not modify).
   */
  int[] codes(int start, int n, int[] sel, int count);

  /** The storage value (Long, Double, String or null) of a code. */
  Object decode(int code);
}
