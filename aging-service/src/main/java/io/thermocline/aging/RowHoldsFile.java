package io.thermocline.aging;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.format.ChecksumInput;
import io.thermocline.common.format.ChecksumOutput;
import io.thermocline.common.format.FileFormat;
import io.thermocline.common.io.FileIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One table's {@link RowHolds} on disk, so a restart does not re-flag a recalled row during its
 * hold: {@code <data>/aging/holds-<hex of the table name>.bin}, a {@link FileFormat} file
 * ("aging-holds", CRC32C footer) replaced atomically (temporary file, fsync, rename, directory
 * fsync) after every run that changed the holds. Body: table name, the table's create commit id
 * (holds of a dropped table never apply to a new table of the same name), the holds (key,
 * held-until millis) and the first-seen times (key, millis). A key is a scalar or a list of storage
 * values, each tagged (0 NULL, 1 long, 2 double, 3 string). Stateless apart from its path;
 * thread-safe.
 */
final class RowHoldsFile {
  static final int VERSION_START = 1;
  static final FileFormat FORMAT = FileFormat.of("aging-holds", VERSION_START, VERSION_START);

  private static final int SCALAR = 0;
  private static final int LIST = 1;
  private static final int NULL = 0;
  private static final int LONG = 1;
  private static final int DOUBLE = 2;
  private static final int STRING = 3;

  private final FileIO io;
  private final String path;

  RowHoldsFile(FileIO io, String directory, String table) {
    this.io = io;
    this.path =
        io.resolve(
            directory,
            "holds-" + HexFormat.of().formatHex(table.getBytes(StandardCharsets.UTF_8)) + ".bin");
  }

  String path() {
    return path;
  }

  /**
   * The holds stored for the table created at {@code createdCid}; empty holds when there is no file
   * or it belongs to an older table of the same name. A damaged file fails with CORRUPT_FILE naming
   * it (delete the file to start without holds).
   */
  RowHolds load(String table, long createdCid) {
    try {
      if (!io.exists(path)) {
        return new RowHolds();
      }
      return FORMAT.read(
          io,
          path,
          (in, version) -> {
            String stored = in.readString();
            long cid = in.readLong();
            Map<Object, Long> held = readMap(in);
            Map<Object, Long> seen = readMap(in);
            if (!stored.equals(table) || cid != createdCid) {
              return new RowHolds();
            }
            return new RowHolds(held, seen);
          });
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "cannot read the aging holds file " + path + ": " + e.getMessage(),
          e);
    }
  }

  /** Replaces the file with {@code holds}; they are marked saved once the file is in place. */
  void save(String table, long createdCid, RowHolds holds) {
    try {
      io.mkdirs(io.parent(path));
      FORMAT.writeAtomically(
          io,
          path,
          out -> {
            out.writeString(table);
            out.writeLong(createdCid);
            writeMap(out, holds.heldUntil());
            writeMap(out, holds.firstSeenTimes());
          });
      holds.markSaved();
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "cannot write the aging holds file " + path + ": " + e.getMessage(),
          e);
    }
  }

  /** Deletes the file (the table was dropped). */
  void delete() {
    try {
      io.delete(path);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "cannot delete the aging holds file " + path + ": " + e.getMessage(),
          e);
    }
  }

  private static void writeMap(ChecksumOutput out, Map<Object, Long> m) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<Object, Long> e : m.entrySet()) {
      writeKey(out, e.getKey());
      out.writeLong(e.getValue());
    }
  }

  private static Map<Object, Long> readMap(ChecksumInput in) throws IOException {
    long at = in.position();
    int n = in.readInt();
    if (n < 0) {
      throw in.corrupt("negative entry count " + n + " at offset " + at);
    }
    Map<Object, Long> m = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Object key = readKey(in);
      m.put(key, in.readLong());
    }
    return m;
  }

  private static void writeKey(ChecksumOutput out, Object key) throws IOException {
    if (key instanceof List<?> values) {
      out.writeByte(LIST);
      out.writeVLong(values.size());
      for (Object v : values) {
        writeValue(out, v);
      }
    } else {
      out.writeByte(SCALAR);
      writeValue(out, key);
    }
  }

  private static Object readKey(ChecksumInput in) throws IOException {
    long at = in.position();
    int kind = in.readByte();
    if (kind == SCALAR) {
      return readValue(in);
    }
    if (kind != LIST) {
      throw in.corrupt("unknown key kind " + kind + " at offset " + at);
    }
    long n = in.readVLong();
    in.require(n);
    List<Object> values = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      values.add(readValue(in));
    }
    return values;
  }

  private static void writeValue(ChecksumOutput out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      out.writeString(s);
    } else {
      throw new ThermoException(
          ErrorCode.INTERNAL,
          "a row identity holds a " + v.getClass().getName() + "; storage values are expected");
    }
  }

  private static Object readValue(ChecksumInput in) throws IOException {
    long at = in.position();
    int tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case LONG -> in.readLong();
      case DOUBLE -> in.readDouble();
      case STRING -> in.readString();
      default -> throw in.corrupt("unknown value tag " + tag + " at offset " + at);
    };
  }
}
