package io.thermocline.coldstore.parquet;

import java.util.Arrays;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes Parquet's RLE/bit-packing hybrid (dictionary ids, definition levels, RLE booleans) a run
 * at a time into an {@code int[]}: a repeated run is one {@link Arrays#fill}, a bit-packed run is
 * unpacked 32 or 8 values per call by parquet's generated little-endian packers. Replaces parquet's
 * value-at-a-time decoder, which reads a varint and switches mode per value. One stream, one
 * thread.
 */
final class RleBitPackedHybridDecoder {
  private final byte[] buf;
  private final int end;
  private final int bitWidth;
  private final int valueBytes;
  private final BytePacker packer;
  private int pos;

  /** Decodes {@code buf[offset, end)} with values of {@code bitWidth} bits (0 to 32). */
  RleBitPackedHybridDecoder(byte[] buf, int offset, int end, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new ParquetDecodingException("RLE bit width " + bitWidth + " is outside 0..32");
    }
    if (offset < 0 || end > buf.length || offset > end) {
      throw new ParquetDecodingException(
          "RLE stream [" + offset + ", " + end + ") lies outside a page of " + buf.length);
    }
    this.buf = buf;
    this.pos = offset;
    this.end = end;
    this.bitWidth = bitWidth;
    this.valueBytes = (bitWidth + 7) >>> 3;
    this.packer = Packer.LITTLE_ENDIAN.newBytePacker(bitWidth);
  }

  /**
   * Fills {@code out[0, count)}. {@code out} needs 7 spare slots past {@code count}: a bit-packed
   * group is always unpacked whole.
   */
  void decode(int[] out, int count) {
    int i = 0;
    while (i < count) {
      int header = readHeader();
      if ((header & 1) == 0) {
        int run = header >>> 1;
        int value = readRunValue();
        int m = Math.min(run, count - i);
        Arrays.fill(out, i, i + m, value);
        i += m;
      } else {
        int groups = header >>> 1;
        int take = (int) Math.min((long) groups * 8, count - i);
        unpack(groups, out, i, take);
        i += take;
      }
    }
  }

  /** Where the stream stopped; callers check a length prefix with it. */
  int position() {
    return pos;
  }

  private int readHeader() {
    int value = 0;
    int shift = 0;
    while (true) {
      if (pos >= end) {
        throw new ParquetDecodingException("RLE stream ends inside a run header");
      }
      int b = buf[pos++];
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (value < 0) {
          throw new ParquetDecodingException("RLE run header " + value + " is negative");
        }
        return value;
      }
      shift += 7;
      if (shift > 28) {
        throw new ParquetDecodingException("RLE run header is longer than 5 bytes");
      }
    }
  }

  private int readRunValue() {
    if (pos + valueBytes > end) {
      throw new ParquetDecodingException("RLE stream ends inside a run value");
    }
    int v = 0;
    for (int b = 0; b < valueBytes; b++) {
      v |= (buf[pos++] & 0xFF) << (8 * b);
    }
    return v;
  }

  /**
   * Unpacks {@code groups} groups of 8 values, keeping the first {@code take} at {@code out[at]}.
   * Groups past {@code take} are skipped; a stream cut short inside its last group (other writers
   * may omit trailing bytes of padding) reads as zero bits, as parquet's own decoder does.
   */
  private void unpack(int groups, int[] out, int at, int take) {
    if (bitWidth == 0) {
      // The 0-bit packer writes nothing, and callers reuse their arrays.
      Arrays.fill(out, at, at + take, 0);
      return;
    }
    long bytes = (long) groups * bitWidth;
    int needGroups = (take + 7) >>> 3;
    int g = 0;
    int o = at;
    while (g + 4 <= needGroups && pos + 4 * bitWidth <= end) {
      packer.unpack32Values(buf, pos, out, o);
      pos += 4 * bitWidth;
      o += 32;
      g += 4;
    }
    while (g < needGroups) {
      if (pos + bitWidth <= end) {
        packer.unpack8Values(buf, pos, out, o);
      } else {
        unpackPadded(out, o);
      }
      pos += bitWidth;
      o += 8;
      g++;
    }
    pos = (int) Math.min(end, pos + bytes - (long) needGroups * bitWidth);
  }

  private void unpackPadded(int[] out, int o) {
    byte[] padded = new byte[bitWidth];
    if (pos < end) {
      System.arraycopy(buf, pos, padded, 0, end - pos);
    }
    packer.unpack8Values(padded, 0, out, o);
  }
}
