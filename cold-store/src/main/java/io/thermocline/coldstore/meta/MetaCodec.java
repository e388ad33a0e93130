package io.thermocline.coldstore.meta;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.StorageClass;
import io.thermocline.common.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary layouts of every key and value the cold store keeps in RocksDB. Every key and value
 * starts with the layout version byte {@link #VERSION_START}; fixed-width integers in keys are
 * big-endian so that RocksDB's byte order is numeric order and prefix scans select one table or
 * file. Notation: {@code u8}, {@code i32}/{@code i64} big-endian fixed, {@code var} unsigned
 * LEB128, {@code zvar} zig-zag LEB128, {@code str} = {@code var} length + UTF-8, {@code f64} raw
 * IEEE bits.
 *
 * <pre>
 * manifest family
 *   table:  key   01 'T' name-utf8
 *           value 01 tableId:i32 horizon:i64 partitioning:str schema
 *   file:   key   01 'F' tableId:i32 partition:i64(sign bit flipped) fileId:i64
 *           value 01 path:str rows:var bytes:var createCid:i64 retireCid:i64 tailOffset:var
 *                 tailCrc:i32 ncols:var { storage:u8 nullCount:var hasMinMax:u8 [min max] }
 *                 (min/max: LONG zvar, DOUBLE f64, STRING str)
 * cold delta family
 *   key   01 tableId:i32 rowId:i64          value 01 createCid:i64 endCid:i64 row
 *   row   = ncols:var nullBitmap:ceil(ncols/8) bytes, then each non-NULL value (LONG zvar,
 *           DOUBLE f64, STRING str); columns added after the row was written read as NULL
 * tombstones family
 *   key   01 fileId:i64 rowPosition:i64     value 01 endCid:i64
 * schema = ncols:var { name:str kind:str precision:var scale:var length:var nullable:u8 }
 *          npk:var { name:str } hasTime:u8 [time:str]
 * </pre>
 *
 * A reader meeting another version byte stops with a {@code CorruptFileException} naming the family
 * and key. Stateless.
 */
public final class MetaCodec {
  public static final int VERSION_START = 1;

  private static final byte TABLE = 'T';
  private static final byte FILE = 'F';

  private MetaCodec() {}

  // ---- manifest: tables

  public static byte[] tablePrefix() {
    return new byte[] {VERSION_START, TABLE};
  }

  public static byte[] tableKey(String name) {
    return new BytesOut(2 + name.length())
        .putByte(VERSION_START)
        .putByte(TABLE)
        .putBytes(name.getBytes(StandardCharsets.UTF_8))
        .toByteArray();
  }

  public static byte[] encodeTable(TableRecord t) {
    BytesOut out = new BytesOut(64);
    out.putByte(VERSION_START).putInt(t.tableId()).putLong(t.horizon()).putString(t.partitioning());
    encodeSchema(out, t.schema());
    return out.toByteArray();
  }

  public static TableRecord decodeTable(byte[] key, byte[] value) {
    String name = new String(key, 2, key.length - 2, StandardCharsets.UTF_8);
    BytesIn in = new BytesIn(value, "cold manifest table entry " + name);
    checkVersion(in);
    int id = in.getInt();
    long horizon = in.getLong();
    String partitioning = in.getString();
    Schema schema = decodeSchema(in);
    in.expectEnd();
    return new TableRecord(name, id, schema, partitioning, horizon);
  }

  // ---- manifest: files

  public static byte[] filePrefix(int tableId) {
    return new BytesOut(6).putByte(VERSION_START).putByte(FILE).putInt(tableId).toByteArray();
  }

  public static byte[] fileKey(int tableId, long partition, long fileId) {
    return new BytesOut(22)
        .putByte(VERSION_START)
        .putByte(FILE)
        .putInt(tableId)
        .putLong(partition ^ Long.MIN_VALUE)
        .putLong(fileId)
        .toByteArray();
  }

  public static byte[] fileKey(FileEntry f) {
    return fileKey(f.tableId(), f.partition(), f.fileId());
  }

  public static byte[] encodeFile(FileEntry f) {
    BytesOut out = new BytesOut(128);
    out.putByte(VERSION_START)
        .putString(f.path())
        .putVarLong(f.rowCount())
        .putVarLong(f.sizeBytes())
        .putLong(f.createCid())
        .putLong(f.retireCid())
        .putVarLong(f.tailOffset())
        .putInt(f.tailCrc())
        .putVarLong(f.stats().size());
    for (ColumnStats s : f.stats()) {
      Object probe = s.min() != null ? s.min() : s.max();
      out.putByte(storageTag(probe)).putVarLong(s.nullCount());
      out.putByte(s.hasMinMax() ? 1 : 0);
      if (s.hasMinMax()) {
        putValue(out, s.min());
        putValue(out, s.max());
      }
    }
    return out.toByteArray();
  }

  public static FileEntry decodeFile(byte[] key, byte[] value) {
    BytesIn k = new BytesIn(key, "cold manifest file key");
    checkVersion(k);
    if (k.getByte() != FILE) {
      throw k.corrupt("not a file key");
    }
    int tableId = k.getInt();
    long partition = k.getLong() ^ Long.MIN_VALUE;
    long fileId = k.getLong();
    k.expectEnd();
    BytesIn in = new BytesIn(value, "cold manifest entry of file " + fileId);
    checkVersion(in);
    String path = in.getString();
    long rows = in.getVarLong();
    long bytes = in.getVarLong();
    long create = in.getLong();
    long retire = in.getLong();
    long tailOffset = in.getVarLong();
    int tailCrc = in.getInt();
    int n = in.getVarInt();
    List<ColumnStats> stats = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int tag = in.getByte();
      long nulls = in.getVarLong();
      boolean hasMinMax = in.getByte() != 0;
      Object min = hasMinMax ? getValue(in, tag) : null;
      Object max = hasMinMax ? getValue(in, tag) : null;
      stats.add(new ColumnStats(nulls, min, max));
    }
    in.expectEnd();
    return new FileEntry(
        tableId, partition, fileId, path, rows, bytes, create, retire, tailOffset, tailCrc, stats);
  }

  // ---- cold delta

  public static byte[] deltaPrefix(int tableId) {
    return new BytesOut(5).putByte(VERSION_START).putInt(tableId).toByteArray();
  }

  public static byte[] deltaKey(int tableId, long rowId) {
    return new BytesOut(13).putByte(VERSION_START).putInt(tableId).putLong(rowId).toByteArray();
  }

  public static long deltaRowId(byte[] key) {
    BytesIn in = new BytesIn(key, "cold delta key");
    checkVersion(in);
    in.getInt();
    long id = in.getLong();
    in.expectEnd();
    return id;
  }

  /** A delta row: storage values in schema order; {@code endCid} is {@link FileEntry#LIVE}. */
  public static byte[] encodeDeltaRow(long createCid, long endCid, Schema schema, Object[] row) {
    BytesOut out = new BytesOut(32 + row.length * 9);
    out.putByte(VERSION_START).putLong(createCid).putLong(endCid).putVarLong(row.length);
    byte[] nulls = new byte[(row.length + 7) >>> 3];
    for (int c = 0; c < row.length; c++) {
      if (row[c] == null) {
        nulls[c >>> 3] |= (byte) (1 << (c & 7));
      }
    }
    out.putBytes(nulls);
    for (int c = 0; c < row.length; c++) {
      if (row[c] != null) {
        putTyped(out, schema.column(c).type().storage(), row[c], schema.column(c).name());
      }
    }
    return out.toByteArray();
  }

  /** Rewrites only the end cid of an encoded delta row (a delete of a trickle row). */
  public static byte[] withDeltaEnd(byte[] encoded, long endCid) {
    byte[] copy = encoded.clone();
    for (int i = 0; i < 8; i++) {
      copy[9 + i] = (byte) (endCid >>> (56 - 8 * i));
    }
    return copy;
  }

  /** The decoded delta row: create and end cid, then values padded with NULL to the schema. */
  public record DeltaRow(long rowId, long createCid, long endCid, Object[] values) {
    public boolean visibleAt(long snapshot) {
      return createCid <= snapshot && snapshot < endCid;
    }
  }

  public static DeltaRow decodeDeltaRow(long rowId, byte[] value, Schema schema) {
    BytesIn in = new BytesIn(value, "cold delta row " + rowId);
    checkVersion(in);
    long create = in.getLong();
    long end = in.getLong();
    int n = in.getVarInt();
    if (n > schema.size()) {
      throw in.corrupt("row has " + n + " columns, the table " + schema.size());
    }
    int nullBytes = (n + 7) >>> 3;
    int[] nulls = new int[nullBytes];
    for (int i = 0; i < nullBytes; i++) {
      nulls[i] = in.getByte();
    }
    Object[] values = new Object[schema.size()];
    for (int c = 0; c < n; c++) {
      if ((nulls[c >>> 3] & (1 << (c & 7))) == 0) {
        values[c] = getTyped(in, schema.column(c).type().storage());
      }
    }
    in.expectEnd();
    return new DeltaRow(rowId, create, end, values);
  }

  // ---- tombstones

  public static byte[] tombstonePrefix(long fileId) {
    return new BytesOut(9).putByte(VERSION_START).putLong(fileId).toByteArray();
  }

  public static byte[] tombstoneKey(long fileId, long position) {
    return new BytesOut(17).putByte(VERSION_START).putLong(fileId).putLong(position).toByteArray();
  }

  public static long tombstonePosition(byte[] key) {
    BytesIn in = new BytesIn(key, "cold tombstone key");
    checkVersion(in);
    in.getLong();
    long pos = in.getLong();
    in.expectEnd();
    return pos;
  }

  public static byte[] encodeTombstone(long endCid) {
    return new BytesOut(9).putByte(VERSION_START).putLong(endCid).toByteArray();
  }

  public static long decodeTombstone(byte[] value) {
    BytesIn in = new BytesIn(value, "cold tombstone");
    checkVersion(in);
    long end = in.getLong();
    in.expectEnd();
    return end;
  }

  // ---- shared pieces

  private static void checkVersion(BytesIn in) {
    int v = in.getByte();
    if (v != VERSION_START) {
      throw in.corrupt("unknown layout version " + v + " (this build reads " + VERSION_START + ")");
    }
  }

  public static void encodeSchema(BytesOut out, Schema schema) {
    out.putVarLong(schema.size());
    for (Column c : schema.columns()) {
      DataType t = c.type();
      out.putString(c.name())
          .putString(t.kind().name())
          .putVarLong(t.precision())
          .putVarLong(t.scale())
          .putVarLong(t.length())
          .putByte(c.nullable() ? 1 : 0);
    }
    out.putVarLong(schema.primaryKey().size());
    for (String k : schema.primaryKey()) {
      out.putString(k);
    }
    out.putByte(schema.timeColumn().isPresent() ? 1 : 0);
    schema.timeColumn().ifPresent(out::putString);
  }

  public static Schema decodeSchema(BytesIn in) {
    int n = in.getVarInt();
    List<Column> cols = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = in.getString();
      String kindName = in.getString();
      TypeKind kind;
      try {
        kind = TypeKind.valueOf(kindName);
      } catch (IllegalArgumentException e) {
        throw in.corrupt("unknown type " + kindName + " of column " + name);
      }
      int precision = in.getVarInt();
      int scale = in.getVarInt();
      int length = in.getVarInt();
      boolean nullable = in.getByte() != 0;
      cols.add(new Column(name, new DataType(kind, precision, scale, length), nullable));
    }
    int npk = in.getVarInt();
    List<String> pk = new ArrayList<>(npk);
    for (int i = 0; i < npk; i++) {
      pk.add(in.getString());
    }
    String time = in.getByte() != 0 ? in.getString() : null;
    return new Schema(cols, pk, time);
  }

  private static int storageTag(Object v) {
    if (v instanceof Double) {
      return 1;
    }
    if (v instanceof String) {
      return 2;
    }
    return 0;
  }

  private static void putValue(BytesOut out, Object v) {
    if (v instanceof Long l) {
      out.putSignedVarLong(l);
    } else if (v instanceof Double d) {
      out.putDouble(d);
    } else {
      out.putString((String) v);
    }
  }

  private static Object getValue(BytesIn in, int tag) {
    return switch (tag) {
      case 0 -> in.getSignedVarLong();
      case 1 -> in.getDouble();
      case 2 -> in.getString();
      default -> throw in.corrupt("unknown value tag " + tag);
    };
  }

  private static void putTyped(BytesOut out, StorageClass storage, Object v, String column) {
    if (storage == StorageClass.LONG && v instanceof Long l) {
      out.putSignedVarLong(l);
    } else if (storage == StorageClass.DOUBLE && v instanceof Double d) {
      out.putDouble(d);
    } else if (storage == StorageClass.STRING && v instanceof String s) {
      out.putString(s);
    } else {
      throw new ThermoException(
          ErrorCode.TYPE_MISMATCH,
          "column "
              + column
              + " holds "
              + storage
              + " storage values, not "
              + v.getClass().getSimpleName());
    }
  }

  private static Object getTyped(BytesIn in, StorageClass storage) {
    return switch (storage) {
      case LONG -> in.getSignedVarLong();
      case DOUBLE -> in.getDouble();
      case STRING -> in.getString();
    };
  }
}
