package io.thermocline.coldstore.parquet;

import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.type.DataType;
import java.math.BigInteger;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

/**
 * Pulls {@code n} values of one flat column from a {@link ColumnReader} into a primitive vector,
 * applying the column's {@link Conversion}. A value is present when its definition level is the
 * column's maximum. Stateless.
 */
final class ColumnDecoders {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private ColumnDecoders() {}

  static LongVector readLongs(ColumnReader r, int maxDef, int n, ColumnBinding b) {
    long[] values = new long[n];
    long[] nulls = null;
    Conversion conv = b.conversion();
    for (int i = 0; i < n; i++) {
      if (r.getCurrentDefinitionLevel() == maxDef) {
        values[i] =
            switch (conv) {
              case INT64 -> r.getLong();
              case INT32 -> r.getInteger();
              case UINT32 -> Integer.toUnsignedLong(r.getInteger());
              case BOOLEAN -> r.getBoolean() ? 1L : 0L;
              case INT64_MILLIS -> Math.multiplyExact(r.getLong(), 1000L);
              case INT64_NANOS -> Math.floorDiv(r.getLong(), 1000L);
              case INT96 -> int96Micros(r.getBinary());
              case BINARY_DECIMAL -> new BigInteger(r.getBinary().getBytes()).longValueExact();
              default -> throw new IllegalStateException(conv + " is not a long conversion");
            };
      } else {
        if (nulls == null) {
          nulls = NullBitmap.allocate(n);
        }
        NullBitmap.set(nulls, i);
      }
      r.consume();
    }
    return new LongVector(b.type(), values, n, nulls);
  }

  static DoubleVector readDoubles(ColumnReader r, int maxDef, int n, ColumnBinding b) {
    double[] values = new double[n];
    long[] nulls = null;
    boolean isFloat = b.conversion() == Conversion.FLOAT;
    for (int i = 0; i < n; i++) {
      if (r.getCurrentDefinitionLevel() == maxDef) {
        values[i] = isFloat ? r.getFloat() : r.getDouble();
      } else {
        if (nulls == null) {
          nulls = NullBitmap.allocate(n);
        }
        NullBitmap.set(nulls, i);
      }
      r.consume();
    }
    return new DoubleVector(b.type(), values, n, nulls);
  }

  static StringVector readStrings(ColumnReader r, int maxDef, int n, DataType type) {
    String[] values = new String[n];
    long[] nulls = null;
    for (int i = 0; i < n; i++) {
      if (r.getCurrentDefinitionLevel() == maxDef) {
        values[i] = r.getBinary().toStringUsingUTF8();
      } else {
        if (nulls == null) {
          nulls = NullBitmap.allocate(n);
        }
        NullBitmap.set(nulls, i);
      }
      r.consume();
    }
    return StringVector.plain(type, values, n, nulls);
  }

  static StringVector readDictionaryIds(
      ColumnReader r, int maxDef, int n, DataType type, String[] dictionary) {
    int[] ids = new int[n];
    long[] nulls = null;
    for (int i = 0; i < n; i++) {
      if (r.getCurrentDefinitionLevel() == maxDef) {
        ids[i] = r.getCurrentValueDictionaryID();
      } else {
        if (nulls == null) {
          nulls = NullBitmap.allocate(n);
        }
        NullBitmap.set(nulls, i);
      }
      r.consume();
    }
    return StringVector.dictionary(type, ids, dictionary, n, nulls);
  }

  /** INT96: 8 bytes little-endian nanoseconds of the day, then 4 bytes little-endian Julian day. */
  static long int96Micros(Binary b) {
    byte[] x = b.getBytes();
    long nanos = 0;
    for (int i = 7; i >= 0; i--) {
      nanos = (nanos << 8) | (x[i] & 0xFF);
    }
    long day = (x[8] & 0xFF) | (x[9] & 0xFF) << 8 | (x[10] & 0xFF) << 16 | (long) (x[11]) << 24;
    return (day - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + Math.floorDiv(nanos, 1000L);
  }
}
