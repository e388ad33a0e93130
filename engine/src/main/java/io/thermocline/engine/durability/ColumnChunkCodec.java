package io.thermocline.engine.durability;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The columnar row chunk of a hot checkpoint (version {@code VERSION_COLUMNAR} of {@link
 * HotCheckpoint}), big-endian: {@code i32 rows}, then per column {@code u8 flags} (bit 0: a null
 * bitmap follows, bit 1: strings as a chunk dictionary), the bitmap as {@code i64} words, then the
 * values of every row (under a NULL too): LONG {@code i64}, DOUBLE {@code i64} raw bits; STRING
 * plain: per non-null row {@code i32 length} + UTF-8; STRING dictionary: {@code i32 entries}, the
 * entries as plain strings, then per row an {@code i32} id (0 under a NULL). Whole chunks are
 * encoded into one array and decoded from one, so a row costs no stream call. Stateless.
 */
final class ColumnChunkCodec {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final int HAS_NULLS = 1;
  private static final int DICTIONARY = 2;

  private ColumnChunkCodec() {}

  /** A growable output array. Single-threaded. */
  static final class Out {
    byte[] bytes = new byte[1 << 16];
    int length;

    void reset() {
      length = 0;
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
      }
    }

    void writeByte(int v) {
      ensure(1);
      bytes[length++] = (byte) v;
    }

    void writeInt(int v) {
      ensure(4);
      INT.set(bytes, length, v);
      length += 4;
    }

    void writeLong(long v) {
      ensure(8);
      LONG.set(bytes, length, v);
      length += 8;
    }

    void writeLongs(long[] values, int n) {
      ensure(n * 8);
      ByteBuffer.wrap(bytes, length, n * 8).asLongBuffer().put(values, 0, n);
      length += n * 8;
    }

    void writeDoubles(double[] values, int n) {
      ensure(n * 8);
      ByteBuffer.wrap(bytes, length, n * 8).asDoubleBuffer().put(values, 0, n);
      length += n * 8;
    }

    void writeString(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      writeInt(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, bytes, length, b.length);
      length += b.length;
    }
  }

  /** Appends {@code batch} (all columns of the table, schema order) as one chunk. */
  static void encode(ColumnBatch batch, Out out) {
    int n = batch.rowCount();
    out.writeInt(n);
    for (int c = 0; c < batch.columnCount(); c++) {
      ColumnVector v = batch.column(c);
      long[] nulls = v.nulls();
      boolean dictionary = v instanceof StringVector;
      int flags = (nulls != null ? HAS_NULLS : 0) | (dictionary ? DICTIONARY : 0);
      out.writeByte(flags);
      if (nulls != null) {
        for (int w = 0; w < NullBitmap.words(n); w++) {
          out.writeLong(nulls[w]);
        }
      }
      if (v instanceof LongVector lv) {
        out.writeLongs(lv.values(), n);
      } else if (v instanceof DoubleVector dv) {
        out.writeDoubles(dv.values(), n);
      } else {
        encodeStrings((StringVector) v, n, out);
      }
    }
  }

  /** Strings through a chunk dictionary: hot columns repeat few values, and a String costs 40 B. */
  private static void encodeStrings(StringVector v, int n, Out out) {
    if (v.isDictionaryEncoded() && v.dictionary().length <= Math.max(n, 1024)) {
      encodeDictionaryIds(v, n, out);
      return;
    }
    Map<String, Integer> ids = new HashMap<>();
    String[] entries = new String[Math.max(1, n)];
    int[] rowIds = new int[n];
    for (int r = 0; r < n; r++) {
      String s = v.get(r);
      if (s != null) {
        Integer id = ids.get(s);
        if (id == null) {
          id = ids.size();
          ids.put(s, id);
          entries[id] = s;
        }
        rowIds[r] = id;
      }
    }
    out.writeInt(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      out.writeString(entries[i]);
    }
    for (int r = 0; r < n; r++) {
      out.writeInt(rowIds[r]);
    }
  }

  /**
   * A hot scan's vector already holds ids into a small dictionary: renumber them in first-use order
   * through an array instead of hashing every row's string (the same chunk the general path writes
   * when the dictionary's strings are distinct).
   */
  private static void encodeDictionaryIds(StringVector v, int n, Out out) {
    String[] dictionary = v.dictionary();
    int[] source = v.ids();
    int[] chunkId = new int[dictionary.length]; // 0: unused, else chunk id + 1
    String[] entries = new String[Math.max(1, Math.min(n, dictionary.length))];
    int[] rowIds = new int[n];
    int used = 0;
    for (int r = 0; r < n; r++) {
      if (!v.isNull(r)) {
        int d = source[r];
        int id = chunkId[d] - 1;
        if (id < 0) {
          id = used++;
          chunkId[d] = id + 1;
          entries[id] = dictionary[d];
        }
        rowIds[r] = id;
      }
    }
    out.writeInt(used);
    for (int i = 0; i < used; i++) {
      out.writeString(entries[i]);
    }
    for (int r = 0; r < n; r++) {
      out.writeInt(rowIds[r]);
    }
  }

  /** A chunk being decoded: bounds-checked reads that name the file and offset on damage. */
  static final class In {
    private final String file;
    private final long fileOffset;
    private final byte[] bytes;
    private final int length;
    private int at;

    /**
     * @param fileOffset where the bytes start in {@code file}, for error messages (approximate for
     *     streamed sections: the section's offset plus the bytes before the chunk)
     */
    In(String file, long fileOffset, byte[] bytes, int length) {
      this.file = file;
      this.fileOffset = fileOffset;
      this.bytes = bytes;
      this.length = length;
    }

    private void need(int n) {
      if (n < 0 || at + n > length) {
        throw damaged("ends early: needs " + n + " bytes, " + (length - at) + " left");
      }
    }

    int readByte() {
      need(1);
      return bytes[at++] & 0xFF;
    }

    int readInt() {
      need(4);
      int v = (int) INT.get(bytes, at);
      at += 4;
      return v;
    }

    long readLong() {
      need(8);
      long v = (long) LONG.get(bytes, at);
      at += 8;
      return v;
    }

    String readString() {
      int n = readInt();
      need(n);
      String s = new String(bytes, at, n, StandardCharsets.UTF_8);
      at += n;
      return s;
    }

    /** Reads {@code n} longs in one bulk copy (the hot loop of a checkpoint load). */
    void readLongs(long[] values, int n) {
      need(n * 8);
      ByteBuffer.wrap(bytes, at, n * 8).asLongBuffer().get(values, 0, n);
      at += n * 8;
    }

    void readDoubles(double[] values, int n) {
      need(n * 8);
      ByteBuffer.wrap(bytes, at, n * 8).asDoubleBuffer().get(values, 0, n);
      at += n * 8;
    }

    boolean atEnd() {
      return at == length;
    }

    CorruptFileException damaged(String why) {
      return new CorruptFileException(file, fileOffset + at, why);
    }
  }

  /** Decodes one chunk of {@code schema}'s columns. */
  static ColumnBatch decode(Schema schema, In in) {
    int n = in.readInt();
    if (n < 0 || n > HotCheckpoint.CHUNK_ROWS) {
      throw in.damaged("implausible chunk row count " + n);
    }
    ColumnVector[] vectors = new ColumnVector[schema.size()];
    for (int c = 0; c < vectors.length; c++) {
      DataType type = schema.column(c).type();
      int flags = in.readByte();
      long[] nulls = null;
      if ((flags & HAS_NULLS) != 0) {
        nulls = new long[NullBitmap.words(n)];
        for (int w = 0; w < nulls.length; w++) {
          nulls[w] = in.readLong();
        }
      }
      vectors[c] =
          switch (type.storage()) {
            case LONG -> {
              long[] values = new long[n];
              in.readLongs(values, n);
              yield new LongVector(type, values, n, nulls);
            }
            case DOUBLE -> {
              double[] values = new double[n];
              // Raw bits both ways: NaN payloads and -0.0 come back exactly as written.
              in.readDoubles(values, n);
              yield new DoubleVector(type, values, n, nulls);
            }
            case STRING -> decodeStrings(type, in, n, nulls, schema.column(c).name());
          };
    }
    return new ColumnBatch(schema, n, vectors);
  }

  private static StringVector decodeStrings(
      DataType type, In in, int n, long[] nulls, String column) {
    int entries = in.readInt();
    if (entries < 0 || entries > Math.max(1, n)) {
      throw in.damaged("implausible dictionary size " + entries + " of column " + column);
    }
    String[] dictionary = new String[entries];
    for (int i = 0; i < entries; i++) {
      dictionary[i] = in.readString();
    }
    String[] values = new String[n];
    for (int r = 0; r < n; r++) {
      int id = in.readInt();
      boolean isNull = nulls != null && NullBitmap.get(nulls, r);
      if (!isNull) {
        if (id < 0 || id >= entries) {
          throw in.damaged("string id " + id + " of column " + column + " outside the dictionary");
        }
        values[r] = dictionary[id];
      }
    }
    // Plain, not dictionary-encoded: the hot delta builds its own dictionary either way, and a
    // plain vector keeps consumers that compare by value simple.
    return StringVector.plain(type, values, n, nulls);
  }
}
