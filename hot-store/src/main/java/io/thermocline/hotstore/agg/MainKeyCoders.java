package io.thermocline.hotstore.agg;

import io.thermocline.common.scan.GroupKey;
import io.thermocline.hotstore.main.LongDictionary;
import io.thermocline.hotstore.main.MainColumn;
import io.thermocline.hotstore.scan.MainBlockIds;

/**
 * Key coders of a main: a column's code is its value id (the NULL id included), so grouping needs
 * no hashing at all; a time bucket's code is precomputed per dictionary id (buckets of a sorted
 * dictionary are runs of consecutive ids, so one pass numbers them).
 */
final class MainKeyCoders {
  private MainKeyCoders() {}

  static KeyCoder of(MainBlockIds ids, int column, GroupKey key, int blockSize) {
    MainColumn col = ids.main().column(column);
    if (!key.isBucket()) {
      return new KeyCoder() {
        @Override
        public long cardinalityBound() {
          return col.nullId() + 1L;
        }

        @Override
        public int cardinality() {
          return col.nullId() + 1;
        }

        @Override
        public int[] codes(int start, int n, int[] sel, int count) {
          return ids.ids(column, start, n);
        }

        @Override
        public Object decode(int code) {
          return code == col.nullId() ? null : col.dictionary().value(code);
        }
      };
    }
    long[] dict = ((LongDictionary) col.dictionary()).values();
    int[] codeOfId = new int[dict.length + 1];
    long[] bucketValues = new long[dict.length + 1];
    int codes = 0;
    for (int id = 0; id < dict.length; id++) {
      long b = key.bucket(dict[id]);
      if (codes == 0 || bucketValues[codes - 1] != b) {
        bucketValues[codes++] = b;
      }
      codeOfId[id] = codes - 1;
    }
    int nullCode = codes;
    codeOfId[dict.length] = nullCode;
    int[] out = new int[blockSize];
    return new KeyCoder() {
      @Override
      public long cardinalityBound() {
        return nullCode + 1L;
      }

      @Override
      public int cardinality() {
        return nullCode + 1;
      }

      @Override
      public int[] codes(int start, int n, int[] sel, int count) {
        int[] v = ids.ids(column, start, n);
        for (int k = 0; k < count; k++) {
          int i = sel[k];
          out[i] = codeOfId[v[i]];
        }
        return out;
      }

      @Override
      public Object decode(int code) {
        return code == nullCode ? null : (Object) bucketValues[code];
      }
    };
  }
}
