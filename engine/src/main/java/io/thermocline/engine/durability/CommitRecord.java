package io.thermocline.engine.durability;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One log record of the engine: a commit's hot-tier effects (rows it ended and rows it created, per
 * table, as storage values), a chunk of those rows ahead of the commit record of a big commit, the
 * intent of a commit about to change a cold tier, or a DDL. Immutable.
 *
 * <p>Payload layout (big-endian, version {@link #VERSION_COMMIT_TIME}): {@code u8 version, u8 kind,
 * i64 cid, i64 commitTimeMicros, i32 tables}, then per table {@code str name, i32 columns, i32
 * endedRows, rows, i32 insertedRows, rows}; a row is one value per column: {@code u8 tag} (0 NULL,
 * 1 i64, 2 f64, 3 str) then the value; {@code str} is {@code i32 byte length} + UTF-8. An intent
 * lists its tables with no rows. Version {@link #VERSION_START} lacks the time (read as 0).
 */
public record CommitRecord(Kind kind, long cid, long commitTimeMicros, List<TableChanges> tables) {
  /** The first format: no commit time. */
  public static final int VERSION_START = 1;

  /** Adds the commit's wall-clock time (UTC microseconds) after the commit id. */
  public static final int VERSION_COMMIT_TIME = 2;

  /** The version this build writes; it reads {@link #VERSION_START} up to this one. */
  public static final int VERSION = VERSION_COMMIT_TIME;

  /** The WAL record type of engine records. */
  public static final int WAL_TYPE = 1;

  /** What a record says. */
  public enum Kind {
    /** The commit point: the commit with its hot effects. */
    COMMIT,
    /** A commit is about to change the cold tier of the listed tables (undone without COMMIT). */
    INTENT,
    /** A catalog change (already durable in the catalog); keeps the id sequence exact. */
    DDL,
    /**
     * Part of the hot effects of a commit too big for one record, logged ahead of its {@link
     * #COMMIT} record; replay applies it only if that commit record follows.
     */
    ROWS
  }

  /** The hot-tier effects of one commit on one table. */
  public record TableChanges(
      String table, int columns, List<Object[]> ended, List<Object[]> inserted) {}

  public CommitRecord {
    tables = List.copyOf(tables);
  }

  /** A record without a commit time yet ({@link CommitLog} stamps it when it appends it). */
  public CommitRecord(Kind kind, long cid, List<TableChanges> tables) {
    this(kind, cid, 0, tables);
  }

  /**
   * The commit's wall-clock time in microseconds since the epoch (UTC), taken under the commit lock
   * when the record was logged and never lower than any earlier record's; 0 if unknown (a record of
   * version {@link #VERSION_START}, or not logged yet).
   */
  @Override
  public long commitTimeMicros() {
    return commitTimeMicros;
  }

  /** This record stamped with {@code micros}. */
  public CommitRecord withCommitTime(long micros) {
    return new CommitRecord(kind, cid, micros, tables);
  }

  public byte[] encode() {
    // A byte array written through VarHandles: a commit of a million rows encodes ~100 MB, and a
    // stream call per value (DataOutputStream) costs more than the log write itself.
    ColumnChunkCodec.Out out = new ColumnChunkCodec.Out();
    out.writeByte(VERSION);
    out.writeByte(kind.ordinal());
    out.writeLong(cid);
    out.writeLong(commitTimeMicros);
    out.writeInt(tables.size());
    for (TableChanges t : tables) {
      out.writeString(t.table());
      out.writeInt(t.columns());
      writeRows(out, t.ended(), t.columns());
      writeRows(out, t.inserted(), t.columns());
    }
    return Arrays.copyOf(out.bytes, out.length);
  }

  /**
   * Decodes a payload.
   *
   * @param where names the record (segment, LSN) in error messages
   */
  public static CommitRecord decode(byte[] payload, String where) {
    ColumnChunkCodec.In in = new ColumnChunkCodec.In(where, 0, payload, payload.length);
    try {
      int version = in.readByte();
      if (version < VERSION_START || version > VERSION) {
        throw new ThermoException(
            version > VERSION ? ErrorCode.FORMAT_TOO_NEW : ErrorCode.CORRUPT_FILE,
            "commit record "
                + where
                + " has version "
                + version
                + "; this build reads "
                + VERSION_START
                + ".."
                + VERSION);
      }
      int kind = in.readByte();
      if (kind >= Kind.values().length) {
        throw corrupt(where, "unknown kind " + kind);
      }
      if (version < VERSION_COMMIT_TIME && kind == Kind.ROWS.ordinal()) {
        throw corrupt(where, "kind " + kind + " does not exist in version " + version);
      }
      long cid = in.readLong();
      long time = version >= VERSION_COMMIT_TIME ? in.readLong() : 0;
      int n = in.readInt();
      if (n < 0) {
        throw corrupt(where, "negative table count " + n);
      }
      List<TableChanges> tables = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = in.readString();
        int columns = in.readInt();
        if (columns < 0) {
          throw corrupt(where, "negative column count " + columns);
        }
        List<Object[]> ended = readRows(in, columns, where);
        List<Object[]> inserted = readRows(in, columns, where);
        tables.add(new TableChanges(name, columns, ended, inserted));
      }
      if (!in.atEnd()) {
        throw corrupt(where, "trailing bytes after the last table");
      }
      return new CommitRecord(Kind.values()[kind], cid, time, tables);
    } catch (CorruptFileException e) {
      throw corrupt(where, "truncated payload: " + e.problem());
    }
  }

  private static void writeRows(ColumnChunkCodec.Out out, List<Object[]> rows, int columns) {
    out.writeInt(rows.size());
    for (Object[] row : rows) {
      for (int c = 0; c < columns; c++) {
        Object v = row[c];
        if (v == null) {
          out.writeByte(0);
        } else if (v instanceof Long l) {
          out.writeByte(1);
          out.writeLong(l);
        } else if (v instanceof Double d) {
          out.writeByte(2);
          out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof String str) {
          out.writeByte(3);
          out.writeString(str);
        } else {
          throw new ThermoException(
              ErrorCode.INTERNAL, "storage value of class " + v.getClass() + " in column " + c);
        }
      }
    }
  }

  private static List<Object[]> readRows(ColumnChunkCodec.In in, int columns, String where) {
    int n = in.readInt();
    if (n < 0) {
      throw corrupt(where, "negative row count " + n);
    }
    // Each row takes at least one byte per column: a damaged count cannot allocate much.
    List<Object[]> rows = new ArrayList<>(Math.min(n, 1 << 16));
    for (int r = 0; r < n; r++) {
      Object[] row = new Object[columns];
      for (int c = 0; c < columns; c++) {
        int tag = in.readByte();
        if (tag == 0) {
          row[c] = null;
        } else if (tag == 1) {
          row[c] = in.readLong();
        } else if (tag == 2) {
          row[c] = Double.longBitsToDouble(in.readLong());
        } else if (tag == 3) {
          row[c] = in.readString();
        } else {
          throw corrupt(where, "unknown value tag " + tag + " in row " + r + " column " + c);
        }
      }
      rows.add(row);
    }
    return rows;
  }

  private static ThermoException corrupt(String where, String why) {
    return new ThermoException(ErrorCode.CORRUPT_FILE, "commit record " + where + ": " + why);
  }

  static void writeRows(DataOutputStream out, List<Object[]> rows, int columns) throws IOException {
    out.writeInt(rows.size());
    for (Object[] row : rows) {
      for (int c = 0; c < columns; c++) {
        Object v = row[c];
        if (v == null) {
          out.writeByte(0);
        } else if (v instanceof Long l) {
          out.writeByte(1);
          out.writeLong(l);
        } else if (v instanceof Double d) {
          out.writeByte(2);
          out.writeDouble(d);
        } else if (v instanceof String s) {
          out.writeByte(3);
          writeString(out, s);
        } else {
          throw new ThermoException(
              ErrorCode.INTERNAL, "storage value of class " + v.getClass() + " in column " + c);
        }
      }
    }
  }

  static List<Object[]> readRows(DataInputStream in, int columns, String where) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw corrupt(where, "negative row count " + n);
    }
    List<Object[]> rows = new ArrayList<>(Math.min(n, 1 << 16));
    for (int r = 0; r < n; r++) {
      Object[] row = new Object[columns];
      for (int c = 0; c < columns; c++) {
        int tag = in.readUnsignedByte();
        if (tag == 0) {
          row[c] = null;
        } else if (tag == 1) {
          row[c] = in.readLong();
        } else if (tag == 2) {
          row[c] = in.readDouble();
        } else if (tag == 3) {
          row[c] = readString(in);
        } else {
          throw corrupt(where, "unknown value tag " + tag + " in row " + r + " column " + c);
        }
      }
      rows.add(row);
    }
    return rows;
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("string length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
