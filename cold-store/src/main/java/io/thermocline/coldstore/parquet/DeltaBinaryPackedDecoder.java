package io.thermocline.coldstore.parquet;

import java.util.Arrays;
import org.apache.parquet.column.values.bitpacking.BytePackerForLong;
import org.apache.parquet.column.values.bitpacking.Packer;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes a DELTA_BINARY_PACKED page (INT32 or INT64) into a {@code long[]} in one pass: per block
 * the min delta and the miniblock bit widths, each miniblock unpacked 32 values per call, then a
 * prefix sum. INT32 pages decode the same way and are narrowed by the caller: the writer's int
 * arithmetic wraps modulo 2^32, which long arithmetic preserves in the low 32 bits. Stateless.
 */
final class DeltaBinaryPackedDecoder {
  private static final BytePackerForLong[] PACKERS = new BytePackerForLong[65];

  static {
    for (int w = 0; w <= 64; w++) {
      PACKERS[w] = Packer.LITTLE_ENDIAN.newBytePackerForLong(w);
    }
  }

  private DeltaBinaryPackedDecoder() {}

  /**
   * Decodes the page {@code buf[offset, end)} holding exactly {@code count} values into {@code
   * out[0, count)}.
   */
  static void decode(byte[] buf, int offset, int end, long[] out, int count) {
    Cursor in = new Cursor(buf, offset, end);
    int blockSize = in.uvarint();
    int miniblocks = in.uvarint();
    int total = in.uvarint();
    if (blockSize <= 0
        || miniblocks <= 0
        || blockSize % miniblocks != 0
        || (blockSize / miniblocks) % 8 != 0) {
      throw new ParquetDecodingException(
          "DELTA_BINARY_PACKED block of " + blockSize + " values in " + miniblocks + " miniblocks");
    }
    int perMini = blockSize / miniblocks;
    if (total != count) {
      throw new ParquetDecodingException(
          "DELTA_BINARY_PACKED page holds " + total + " values, its levels say " + count);
    }
    if (count == 0) {
      return;
    }
    long prev = in.zigzagVarlong();
    out[0] = prev;
    int i = 1;
    long[] deltas = new long[perMini];
    while (i < count) {
      long minDelta = in.zigzagVarlong();
      int widthsAt = in.skip(miniblocks);
      for (int m = 0; m < miniblocks && i < count; m++) {
        int width = buf[widthsAt + m] & 0xFF;
        if (width > 64) {
          throw new ParquetDecodingException("DELTA_BINARY_PACKED bit width " + width);
        }
        int bytes = perMini / 8 * width;
        int at = in.skip(bytes);
        BytePackerForLong packer = PACKERS[width];
        if (width == 0) {
          // The 0-bit packer writes nothing: the previous miniblock's deltas would stay.
          Arrays.fill(deltas, 0L);
        }
        int j = 0;
        for (; j + 32 <= perMini; j += 32) {
          packer.unpack32Values(buf, at + j / 8 * width, deltas, j);
        }
        for (; j < perMini; j += 8) {
          packer.unpack8Values(buf, at + j / 8 * width, deltas, j);
        }
        int take = Math.min(perMini, count - i);
        for (int k = 0; k < take; k++) {
          prev += minDelta + deltas[k];
          out[i++] = prev;
        }
      }
    }
  }

  /** A read position over a byte array with Parquet's varints. */
  private static final class Cursor {
    private final byte[] buf;
    private final int end;
    private int pos;

    Cursor(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    int skip(int n) {
      if (pos + n > end) {
        throw new ParquetDecodingException("DELTA_BINARY_PACKED page ends inside a block");
      }
      int at = pos;
      pos += n;
      return at;
    }

    int uvarint() {
      long v = uvarlong();
      if (v > Integer.MAX_VALUE) {
        throw new ParquetDecodingException("DELTA_BINARY_PACKED header value " + v);
      }
      return (int) v;
    }

    long zigzagVarlong() {
      long v = uvarlong();
      return (v >>> 1) ^ -(v & 1);
    }

    private long uvarlong() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new ParquetDecodingException("DELTA_BINARY_PACKED page ends inside a varint");
        }
        int b = buf[pos++];
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new ParquetDecodingException("DELTA_BINARY_PACKED varint is longer than 10 bytes");
    }
  }
}
