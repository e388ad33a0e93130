package io.thermocline.coldstore.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes the non-null values of one data page of one flat column, all at once, into a primitive
 * array: dictionary ids (RLE_DICTIONARY, PLAIN_DICTIONARY) via {@link RleBitPackedHybridDecoder},
 * PLAIN and BYTE_STREAM_SPLIT via {@link FixedWidthDecoder}, DELTA_BINARY_PACKED via {@link
 * DeltaBinaryPackedDecoder}, RLE booleans; every other encoding (DELTA_BYTE_ARRAY strings and what
 * foreign writers use) through parquet's own {@link ValuesReader}, still a page at a time. Holds
 * the column chunk's dictionary decoded once into a primitive array. One column chunk, one thread.
 */
final class PageValueDecoder {
  private final ColumnDescriptor column;
  private final String name;
  private final PrimitiveTypeName physical;
  private int dictionarySize = -1;
  private long[] dictLongs;
  private double[] dictDoubles;
  private String[] dictStrings;
  private int[] scratch = new int[0];

  /** {@code dictionaryPage} may be null (the chunk has none). */
  PageValueDecoder(ColumnDescriptor column, String name, DictionaryPage dictionaryPage)
      throws IOException {
    this.column = column;
    this.name = name;
    this.physical = column.getPrimitiveType().getPrimitiveTypeName();
    if (dictionaryPage != null) {
      load(dictionaryPage.getEncoding().initDictionary(column, dictionaryPage));
    }
  }

  private void load(Dictionary d) {
    int n = d.getMaxId() + 1;
    switch (physical) {
      case INT64 -> {
        dictLongs = new long[n];
        for (int i = 0; i < n; i++) {
          dictLongs[i] = d.decodeToLong(i);
        }
      }
      case INT32 -> {
        dictLongs = new long[n];
        for (int i = 0; i < n; i++) {
          dictLongs[i] = d.decodeToInt(i);
        }
      }
      case DOUBLE -> {
        dictDoubles = new double[n];
        for (int i = 0; i < n; i++) {
          dictDoubles[i] = d.decodeToDouble(i);
        }
      }
      case BINARY -> {
        dictStrings = new String[n];
        for (int i = 0; i < n; i++) {
          dictStrings[i] = d.decodeToBinary(i).toStringUsingUTF8();
        }
      }
      default -> throw failure(" is " + physical + " and has a dictionary");
    }
    dictionarySize = n;
  }

  /** The dictionary as values (INT32 and INT64 widened), or null. */
  long[] dictionaryLongs() {
    return dictLongs;
  }

  double[] dictionaryDoubles() {
    return dictDoubles;
  }

  String[] dictionaryStrings() {
    return dictStrings;
  }

  /**
   * Decodes {@code count} dictionary ids of a dictionary-encoded page into {@code out}, which needs
   * 8 spare slots; refuses ids outside the dictionary.
   */
  void ids(byte[] buf, int from, int to, int count, int[] out) {
    if (dictionarySize < 0) {
      throw failure(" has a dictionary-encoded page but no dictionary");
    }
    if (from >= to) {
      throw failure(" has a dictionary-encoded page without data");
    }
    int width = buf[from] & 0xFF;
    new RleBitPackedHybridDecoder(buf, from + 1, to, width).decode(out, count);
    int bits = 0;
    for (int i = 0; i < count; i++) {
      bits |= out[i];
    }
    if (bits < 0 || bits >= dictionarySize) {
      for (int i = 0; i < count; i++) {
        if (out[i] < 0 || out[i] >= dictionarySize) {
          throw failure(" has dictionary id " + out[i] + " of " + dictionarySize);
        }
      }
    }
  }

  /**
   * Decodes {@code count} values of a page that is not dictionary-encoded into {@code out}: INT64
   * as is, INT32 sign-extended, BOOLEAN as 0/1. {@code pageValues} counts NULLs too.
   */
  void longs(Encoding encoding, byte[] buf, int from, int to, int pageValues, int count, long[] out)
      throws IOException {
    boolean int32 = physical == PrimitiveTypeName.INT32;
    boolean bool = physical == PrimitiveTypeName.BOOLEAN;
    if (encoding == Encoding.PLAIN) {
      if (bool) {
        FixedWidthDecoder.plainBoolean(buf, from, to, out, count);
      } else if (int32) {
        FixedWidthDecoder.plainInt32(buf, from, to, out, count);
      } else {
        FixedWidthDecoder.plainInt64(buf, from, to, out, count);
      }
    } else if (encoding == Encoding.DELTA_BINARY_PACKED && !bool) {
      DeltaBinaryPackedDecoder.decode(buf, from, to, out, count);
      if (int32) {
        for (int i = 0; i < count; i++) {
          out[i] = (int) out[i];
        }
      }
    } else if (encoding == Encoding.BYTE_STREAM_SPLIT && !bool) {
      FixedWidthDecoder.splitIntegers(buf, from, to, int32 ? 4 : 8, out, count);
    } else if (encoding == Encoding.RLE && bool) {
      rleBooleans(buf, from, to, count, out);
    } else {
      ValuesReader r = generic(encoding, buf, from, to, pageValues);
      for (int i = 0; i < count; i++) {
        out[i] = bool ? (r.readBoolean() ? 1L : 0L) : int32 ? r.readInteger() : r.readLong();
      }
    }
  }

  /** RLE booleans: a 4-byte little-endian length, then the hybrid stream of 1-bit values. */
  private void rleBooleans(byte[] buf, int from, int to, int count, long[] out) {
    if (to - from < 4) {
      throw failure(" has an RLE boolean page without a length");
    }
    int length =
        (buf[from] & 0xFF)
            | (buf[from + 1] & 0xFF) << 8
            | (buf[from + 2] & 0xFF) << 16
            | (buf[from + 3] & 0xFF) << 24;
    if (length < 0 || length > to - from - 4) {
      throw failure(" has an RLE boolean page claiming " + length + " bytes");
    }
    if (scratch.length < count + 8) {
      scratch = new int[count + 8];
    }
    new RleBitPackedHybridDecoder(buf, from + 4, from + 4 + length, 1).decode(scratch, count);
    for (int i = 0; i < count; i++) {
      out[i] = scratch[i] != 0 ? 1L : 0L;
    }
  }

  void doubles(
      Encoding encoding, byte[] buf, int from, int to, int pageValues, int count, double[] out)
      throws IOException {
    if (encoding == Encoding.PLAIN) {
      FixedWidthDecoder.plainDouble(buf, from, to, out, count);
    } else if (encoding == Encoding.BYTE_STREAM_SPLIT) {
      FixedWidthDecoder.splitDouble(buf, from, to, out, count);
    } else {
      ValuesReader r = generic(encoding, buf, from, to, pageValues);
      for (int i = 0; i < count; i++) {
        out[i] = r.readDouble();
      }
    }
  }

  /** Strings of a page that is not dictionary-encoded (PLAIN, DELTA_BYTE_ARRAY, ...). */
  void strings(
      Encoding encoding, byte[] buf, int from, int to, int pageValues, int count, String[] out)
      throws IOException {
    ValuesReader r = generic(encoding, buf, from, to, pageValues);
    for (int i = 0; i < count; i++) {
      out[i] = r.readBytes().toStringUsingUTF8();
    }
  }

  private ValuesReader generic(Encoding encoding, byte[] buf, int from, int to, int pageValues)
      throws IOException {
    ValuesReader r = encoding.getValuesReader(column, ValuesType.VALUES);
    r.initFromPage(pageValues, ByteBufferInputStream.wrap(ByteBuffer.wrap(buf, from, to - from)));
    return r;
  }

  ParquetDecodingException failure(String problem) {
    return new ParquetDecodingException("column " + name + problem);
  }
}
