package io.thermocline.hotstore.agg;

import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.type.StorageClass;
import io.thermocline.hotstore.bits.DoubleKeys;
import io.thermocline.hotstore.bits.LongToIdHash;
import io.thermocline.hotstore.delta.ChunkedRows;
import io.thermocline.hotstore.delta.DeltaChunk;
import io.thermocline.hotstore.delta.DeltaDictionary;

/**
 * Key coders of a delta: strings use their delta-dictionary id (NULL gets the id past the
 * dictionary snapshot); numbers and time buckets are numbered by a primitive hash of the raw value
 * (doubles by order key, so -0.0 and 0.0 are two groups and all NaNs one, as in Double.compare),
 * with code 0 reserved for NULL.
 */
final class DeltaKeyCoders {
  private DeltaKeyCoders() {}

  static KeyCoder of(ChunkedRows delta, int rows, int column, GroupKey key, int blockSize) {
    StorageClass st = delta.schema().column(column).type().storage();
    int[] out = new int[blockSize];
    if (st == StorageClass.STRING) {
      DeltaDictionary dict = delta.dictionary(column);
      int nullCode = dict.size();
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
          DeltaChunk chunk = delta.chunk(start / DeltaChunk.ROWS, column);
          int off = start % DeltaChunk.ROWS;
          int[] ids = chunk.ids(column);
          long[] nulls = chunk.nulls(column);
          for (int k = 0; k < count; k++) {
            int i = sel[k];
            int r = off + i;
            out[i] = nulls != null && (nulls[r >>> 6] & (1L << r)) != 0 ? nullCode : ids[r];
          }
          return out;
        }

        @Override
        public Object decode(int code) {
          return code == nullCode ? null : dict.get(code);
        }
      };
    }
    LongToIdHash hash = new LongToIdHash(1024);
    boolean isDouble = st == StorageClass.DOUBLE;
    return new KeyCoder() {
      @Override
      public long cardinalityBound() {
        return rows + 1L;
      }

      @Override
      public int cardinality() {
        return hash.size() + 1;
      }

      @Override
      public int[] codes(int start, int n, int[] sel, int count) {
        DeltaChunk chunk = delta.chunk(start / DeltaChunk.ROWS, column);
        int off = start % DeltaChunk.ROWS;
        long[] nulls = chunk.nulls(column);
        long[] longs = isDouble ? null : chunk.longs(column);
        double[] doubles = isDouble ? chunk.doubles(column) : null;
        for (int k = 0; k < count; k++) {
          int i = sel[k];
          int r = off + i;
          if (nulls != null && (nulls[r >>> 6] & (1L << r)) != 0) {
            out[i] = 0;
            continue;
          }
          long v = isDouble ? DoubleKeys.key(doubles[r]) : longs[r];
          if (key.isBucket()) {
            v = key.bucket(v);
          }
          out[i] = hash.idOf(v) + 1;
        }
        return out;
      }

      @Override
      public Object decode(int code) {
        if (code == 0) {
          return null;
        }
        long v = hash.key(code - 1);
        return isDouble ? (Object) DoubleKeys.value(v) : (Object) v;
      }
    };
  }
}
