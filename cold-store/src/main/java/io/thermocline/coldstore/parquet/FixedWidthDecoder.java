package io.thermocline.coldstore.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes fixed-width Parquet values a page at a time: PLAIN (little-endian INT32, INT64, DOUBLE;
 * BOOLEAN as LSB-first bits) and BYTE_STREAM_SPLIT (byte {@code k} of value {@code i} at {@code k *
 * n + i}). Every method decodes exactly {@code count} values from {@code buf[offset, end)} and
 * refuses a page too short for them. Stateless.
 */
final class FixedWidthDecoder {
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private FixedWidthDecoder() {}

  static void plainInt32(byte[] buf, int offset, int end, long[] out, int count) {
    need(offset, end, (long) count * 4, "PLAIN INT32");
    for (int i = 0; i < count; i++) {
      out[i] = (int) INT_LE.get(buf, offset + 4 * i);
    }
  }

  static void plainInt64(byte[] buf, int offset, int end, long[] out, int count) {
    need(offset, end, (long) count * 8, "PLAIN INT64");
    for (int i = 0; i < count; i++) {
      out[i] = (long) LONG_LE.get(buf, offset + 8 * i);
    }
  }

  static void plainDouble(byte[] buf, int offset, int end, double[] out, int count) {
    need(offset, end, (long) count * 8, "PLAIN DOUBLE");
    for (int i = 0; i < count; i++) {
      out[i] = Double.longBitsToDouble((long) LONG_LE.get(buf, offset + 8 * i));
    }
  }

  static void plainBoolean(byte[] buf, int offset, int end, long[] out, int count) {
    need(offset, end, ((long) count + 7) / 8, "PLAIN BOOLEAN");
    for (int i = 0; i < count; i++) {
      out[i] = (buf[offset + (i >>> 3)] >>> (i & 7)) & 1;
    }
  }

  /** BYTE_STREAM_SPLIT of {@code width} (4 or 8) byte integers, sign-extended from INT32. */
  static void splitIntegers(byte[] buf, int offset, int end, int width, long[] out, int count) {
    exact(offset, end, (long) count * width, "BYTE_STREAM_SPLIT");
    for (int i = 0; i < count; i++) {
      long v = 0;
      for (int k = 0; k < width; k++) {
        v |= (buf[offset + k * count + i] & 0xFFL) << (8 * k);
      }
      out[i] = width == 4 ? (int) v : v;
    }
  }

  static void splitDouble(byte[] buf, int offset, int end, double[] out, int count) {
    exact(offset, end, (long) count * 8, "BYTE_STREAM_SPLIT DOUBLE");
    for (int i = 0; i < count; i++) {
      long v = 0;
      for (int k = 0; k < 8; k++) {
        v |= (buf[offset + k * count + i] & 0xFFL) << (8 * k);
      }
      out[i] = Double.longBitsToDouble(v);
    }
  }

  private static void need(int offset, int end, long bytes, String what) {
    if (end - offset < bytes) {
      throw new ParquetDecodingException(
          what + " page of " + (end - offset) + " bytes is short of " + bytes);
    }
  }

  /** BYTE_STREAM_SPLIT derives its stream stride from the length, so the length must be exact. */
  private static void exact(int offset, int end, long bytes, String what) {
    if (end - offset != bytes) {
      throw new ParquetDecodingException(
          what + " page of " + (end - offset) + " bytes does not hold exactly " + bytes);
    }
  }
}
