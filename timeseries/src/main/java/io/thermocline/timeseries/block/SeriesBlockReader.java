package io.thermocline.timeseries.block;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.FormatVersionException;
import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.codec.CodecId;
import io.thermocline.timeseries.codec.Codecs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses series blocks. Common's {@code FileFormat} checks the CRC32C footer over all bytes before
 * anything is parsed, then the header's magic, name and version; so corruption is reported ahead of
 * any secondary error and a block that fails a check never yields values. Every failure is a {@link
 * CorruptFileException} (or a {@link FormatVersionException} for an intact block of another
 * version) naming the block and the offset in it; callers put the block's place in its file into
 * the name.
 *
 * <p>Stateless and thread-safe.
 */
public final class SeriesBlockReader {
  private SeriesBlockReader() {}

  /** Reads a block that fills {@code block} entirely. */
  public static SeriesBlock read(byte[] block, String blockName) {
    return read(block, 0, block.length, blockName);
  }

  /**
   * Reads the block held in {@code buf[offset, offset + length)}.
   *
   * @param blockName names the block in errors (file, its offset there, series key)
   */
  public static SeriesBlock read(byte[] buf, int offset, int length, String blockName) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      throw new IllegalArgumentException("range [" + offset + ", +" + length + ") outside buffer");
    }
    byte[] block =
        offset == 0 && length == buf.length
            ? buf
            : Arrays.copyOfRange(buf, offset, offset + length);
    try {
      return SeriesBlockFormat.FORMAT.decode(
          blockName,
          block,
          (in, version) -> {
            // decode() verified the checksum already: the body is parsed in place, then skipped
            // so that the footer check finds every byte read.
            int start = (int) in.position();
            SeriesBlock parsed =
                readBody(new BlockCursor(block, start, (int) in.dataEnd(), blockName));
            in.skip(in.remaining());
            return parsed;
          });
    } catch (IOException e) {
      throw new CorruptFileException(blockName, 0, "unreadable: " + e.getMessage(), e);
    }
  }

  private static SeriesBlock readBody(BlockCursor in) {
    int flagsAt = in.position();
    int flags = in.u16();
    if ((flags & ~SeriesBlockFormat.FLAG_IRREGULAR) != 0) {
      throw in.corruptAt(flagsAt, "unknown flags " + Integer.toHexString(flags));
    }
    boolean irregular = (flags & SeriesBlockFormat.FLAG_IRREGULAR) != 0;
    byte[] key = in.bytes(in.u32Bounded(SeriesBlockFormat.MAX_KEY_BYTES, "series key length"));
    long start = in.i64();
    long increment = in.i64();
    int countAt = in.position();
    int count = in.u32Bounded(SeriesBlockFormat.MAX_COUNT, "count");
    long[] missing = BitmapEncoding.read(in, count, "missing-element bitmap");
    if (irregular && missing != null) {
      throw in.corruptAt(countAt, "an irregular block has missing elements");
    }
    int rows = count - (missing == null ? 0 : cardinality(missing, count));
    long[] timestamps = null;
    if (irregular) {
      timestamps = new long[rows];
      readLongs(in, rows, timestamps, "timestamps");
      if (rows > 0 && timestamps[0] != start) {
        throw in.corruptAt(countAt, "first timestamp disagrees with the block start");
      }
    }
    int columnCount = in.u16();
    if (columnCount > SeriesBlockFormat.MAX_COLUMNS) {
      throw in.corrupt("column count " + columnCount + " exceeds " + SeriesBlockFormat.MAX_COLUMNS);
    }
    List<SeriesColumn> columns = new ArrayList<>(columnCount);
    for (int c = 0; c < columnCount; c++) {
      columns.add(readColumn(in, rows, "column " + c));
    }
    if (!in.atEnd()) {
      throw in.corrupt("bytes left after the last column");
    }
    try {
      return irregular
          ? SeriesBlock.irregular(key, timestamps, rows, columns)
          : SeriesBlock.equidistant(key, start, increment, count, missing, columns);
    } catch (IllegalArgumentException e) {
      throw in.corruptAt(countAt, e.getMessage(), e);
    }
  }

  private static SeriesColumn readColumn(BlockCursor in, int rows, String what) {
    int typeAt = in.position();
    int type = in.u8();
    if (type != SeriesBlockFormat.TYPE_LONG && type != SeriesBlockFormat.TYPE_DOUBLE) {
      throw in.corruptAt(typeAt, what + " has unknown type " + type);
    }
    long[] nulls = BitmapEncoding.read(in, rows, what + " null bitmap");
    int nonNull = rows - (nulls == null ? 0 : cardinality(nulls, rows));
    if (type == SeriesBlockFormat.TYPE_LONG) {
      long[] values = new long[rows];
      readLongs(in, nonNull, values, what);
      expandLongs(values, nonNull, nulls, rows);
      return SeriesColumn.ofLongs(values, rows, nulls);
    }
    double[] values = new double[rows];
    CodecId id = readCodecId(in, true, what);
    int length = in.u32Bounded(Integer.MAX_VALUE, what + " length");
    int payloadAt = in.position();
    in.skip(length);
    BitReader bits = new BitReader(in.buffer(), payloadAt, length);
    try {
      Codecs.doubleCodec(id).decode(bits, nonNull, values, 0);
    } catch (RuntimeException e) {
      throw in.corruptAt(payloadAt, what + " does not decode: " + e.getMessage(), e);
    }
    checkConsumed(in, bits, payloadAt, what);
    if (nulls != null) {
      for (int r = rows - 1, k = nonNull - 1; r >= 0; r--) {
        values[r] = isSet(nulls, r) ? 0.0 : values[k--];
      }
    }
    return SeriesColumn.ofDoubles(values, rows, nulls);
  }

  private static void readLongs(BlockCursor in, int count, long[] dst, String what) {
    CodecId id = readCodecId(in, false, what);
    int length = in.u32Bounded(Integer.MAX_VALUE, what + " length");
    int payloadAt = in.position();
    in.skip(length);
    BitReader bits = new BitReader(in.buffer(), payloadAt, length);
    try {
      Codecs.longCodec(id).decode(bits, count, dst, 0);
    } catch (RuntimeException e) {
      throw in.corruptAt(payloadAt, what + " does not decode: " + e.getMessage(), e);
    }
    checkConsumed(in, bits, payloadAt, what);
  }

  private static CodecId readCodecId(BlockCursor in, boolean forDoubles, String what) {
    int at = in.position();
    int raw = in.u8();
    CodecId id = CodecId.byId(raw);
    if (id == null || id.forDoubles() != forDoubles) {
      throw in.corruptAt(at, what + " names codec " + raw + ", not a codec for its type");
    }
    return id;
  }

  /** A payload must be used up to its padding: anything else means it was not ours. */
  private static void checkConsumed(BlockCursor in, BitReader bits, int payloadAt, String what) {
    if (bits.remaining() >= 8) {
      throw in.corruptAt(payloadAt, what + " has " + bits.remaining() + " bits left over");
    }
  }

  private static void expandLongs(long[] values, int nonNull, long[] nulls, int rows) {
    if (nulls == null) {
      return;
    }
    for (int r = rows - 1, k = nonNull - 1; r >= 0; r--) {
      values[r] = isSet(nulls, r) ? 0L : values[k--];
    }
  }

  private static boolean isSet(long[] bitmap, int i) {
    return NullBitmap.get(bitmap, i);
  }

  private static int cardinality(long[] bitmap, int bits) {
    return NullBitmap.cardinality(bitmap, bits);
  }
}
