package io.thermocline.engine.durability;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.table.RowBatches;
import io.thermocline.engine.table.TierTouches;
import io.thermocline.recovery.checkpoint.CheckpointFile;
import io.thermocline.recovery.checkpoint.CheckpointReader;
import io.thermocline.recovery.checkpoint.CheckpointSection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The hot tier at one commit id in one checkpoint file ({@code <data>/checkpoint/hot.ckpt}, through
 * {@link CheckpointFile}: sections with CRC32C, replaced atomically).
 *
 * <p>Version {@link #VERSION_COLUMNAR}: section {@code meta} = {@code u8 version, i64 cid, i64
 * first LSN to replay, i64 commit time (UTC micros), i32 tables}, then per table {@code str name,
 * i64 createdCid, i32 columns, i32 parts}; sections {@code hot/<table>/<part>} (at most {@link
 * #PART_ROWS} rows each) = chunks of {@code i32 byte length} + a {@link ColumnChunkCodec} chunk,
 * ended by a length of 0. Version {@link #VERSION_START} (still read): no time, no parts, one
 * section {@code hot/<table>} of row chunks in the coding of {@link CommitRecord}.
 *
 * <p>A section's checksum is known only at its end, so its rows enter the hot tier while it is
 * read; a bad checksum, or any decoding error, then fails the open (naming file and offset), damage
 * being reported ahead of the secondary error. Stateless.
 */
public final class HotCheckpoint {
  /** Row chunks in the commit record's row coding. */
  static final int VERSION_START = 1;

  /** Columnar chunks, sections split into parts, and the last commit time in the meta section. */
  static final int VERSION_COLUMNAR = 2;

  static final int VERSION = VERSION_COLUMNAR;

  /** Rows per section part; bounds a section far below 2 GB. */
  static final long PART_ROWS = 1 << 20;

  /** The most rows one chunk may claim (a damaged count must not allocate gigabytes). */
  static final int CHUNK_ROWS = 1 << 20;

  /** What a loaded checkpoint covers: commits up to {@code cid}, log records from {@code lsn}. */
  public record Covered(long cid, long lsn, long rows) {
    static final Covered NONE = new Covered(0, 1, 0);
  }

  /** One table's entry in the meta section. */
  record TableImage(String name, long createdCid, int columns, int parts) {}

  /**
   * What the meta section says; {@link #NONE} without a checkpoint.
   *
   * @param timeMicros the newest commit time the log had stamped when it was written (0 if unknown)
   */
  record Image(
      Path file, int version, long cid, long lsn, long timeMicros, List<TableImage> tables) {
    static final Image NONE = new Image(null, VERSION, 0, 1, 0, List.of());
  }

  /** Where a checkpoint stands: commits up to {@code cid}, log records from {@code lsn} on. */
  public record Position(long cid, long lsn) {}

  private HotCheckpoint() {}

  /**
   * The position of the checkpoint in {@code dataDirectory} (its meta section verified), or null if
   * there is none.
   *
   * @throws ThermoException {@link ErrorCode#CORRUPT_FILE} naming the file if its index or meta
   *     section is damaged, {@link ErrorCode#FORMAT_TOO_NEW} if a newer build wrote it
   */
  public static Position position(Path dataDirectory) {
    Image image = readMeta(dataDirectory);
    return image.file() == null ? null : new Position(image.cid(), image.lsn());
  }

  public static Path file(Path dataDirectory) {
    return dataDirectory.resolve("checkpoint").resolve("hot.ckpt");
  }

  /** {@link #write(Path, long, long, long, List)} without a commit time. */
  public static long write(Path dataDirectory, long cid, long lsn, List<HybridTable> tables) {
    return write(dataDirectory, cid, lsn, 0, tables);
  }

  /**
   * Writes the hot rows of {@code tables} visible at {@code cid} (a registered snapshot); {@code
   * lsn} is the first log record the checkpoint does not cover, {@code timeMicros} the log's newest
   * commit time (so times stay monotonic after the log before it is deleted). Returns the rows.
   */
  public static long write(
      Path dataDirectory, long cid, long lsn, long timeMicros, List<HybridTable> tables) {
    return write(LocalFileIO.INSTANCE, dataDirectory, cid, lsn, timeMicros, tables);
  }

  /**
   * {@link #write(Path, long, long, long, List)} through {@code io}, a view of the local disk (a
   * backup passes one that hashes the file as it is written and defers its fsyncs).
   */
  public static long write(
      FileIO io,
      Path dataDirectory,
      long cid,
      long lsn,
      long timeMicros,
      List<HybridTable> tables) {
    Path f = file(dataDirectory);
    try {
      Files.createDirectories(f.getParent());
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot create " + f.getParent() + ": " + e.getMessage(), e);
    }
    long[] rows = {0};
    CheckpointFile.write(
        io,
        f.toString(),
        w -> {
          // Rows first (parts are known only after the scan), the meta section last.
          int[] parts;
          try (HotCheckpointEncoder encoder =
              new HotCheckpointEncoder(PART_ROWS, HotCheckpointEncoder.defaultThreads())) {
            parts = encoder.write(w, tables, cid);
            rows[0] = encoder.rows();
          }
          ByteArrayOutputStream meta = new ByteArrayOutputStream();
          try (DataOutputStream out = new DataOutputStream(meta)) {
            out.writeByte(VERSION);
            out.writeLong(cid);
            out.writeLong(lsn);
            out.writeLong(timeMicros);
            out.writeInt(tables.size());
            for (int i = 0; i < tables.size(); i++) {
              HybridTable t = tables.get(i);
              CommitRecord.writeString(out, t.name());
              out.writeLong(t.definition().createdCid());
              out.writeInt(t.schema().size());
              out.writeInt(parts[i]);
            }
          }
          w.section("meta", meta.toByteArray());
        });
    return rows[0];
  }

  /**
   * Loads the checkpoint, if there is one, into the hot tiers of the tables it names that still
   * exist as the same table (same create id); returns what it covers.
   */
  public static Covered load(Path dataDirectory, Function<String, HybridTable> tables) {
    Image image = readMeta(dataDirectory);
    long rows = loadRows(image, tables, t -> null);
    return new Covered(image.cid(), image.lsn(), rows);
  }

  /** Reads and verifies the meta section. */
  static Image readMeta(Path dataDirectory) {
    Path f = file(dataDirectory);
    if (!Files.exists(f)) {
      return Image.NONE;
    }
    CheckpointReader reader = CheckpointFile.open(LocalFileIO.INSTANCE, f.toString());
    String where = "checkpoint " + f;
    try (DataInputStream meta =
        new DataInputStream(new ByteArrayInputStream(reader.readSection("meta")))) {
      int version = meta.readUnsignedByte();
      if (version < VERSION_START || version > VERSION) {
        throw new ThermoException(
            version > VERSION ? ErrorCode.FORMAT_TOO_NEW : ErrorCode.CORRUPT_FILE,
            where
                + " has version "
                + version
                + "; this build reads "
                + VERSION_START
                + ".."
                + VERSION);
      }
      long cid = meta.readLong();
      long lsn = meta.readLong();
      long time = version >= VERSION_COLUMNAR ? meta.readLong() : 0;
      int n = meta.readInt();
      List<TableImage> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = CommitRecord.readString(meta);
        long created = meta.readLong();
        int columns = meta.readInt();
        int parts = version >= VERSION_COLUMNAR ? meta.readInt() : 1;
        out.add(new TableImage(name, created, columns, parts));
      }
      return new Image(f, version, cid, lsn, time, out);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.CORRUPT_FILE, where + " has a truncated meta section: " + e.getMessage(), e);
    }
  }

  /**
   * Inserts the checkpoint's rows at its commit id into the tables that still exist as the same
   * table, skipping rows that {@code replay} (may return null) says a replayed commit ended.
   * Returns the rows inserted.
   */
  static long loadRows(
      Image image,
      Function<String, HybridTable> tables,
      Function<HybridTable, HotReplayTable> replay) {
    if (image.file() == null) {
      return 0;
    }
    CheckpointReader reader = CheckpointFile.open(LocalFileIO.INSTANCE, image.file().toString());
    long total = 0;
    for (int i = 0; i < image.tables().size(); i++) {
      TableImage ti = image.tables().get(i);
      HybridTable t = tables.apply(ti.name());
      if (t == null || !t.hasHot() || t.definition().createdCid() != ti.createdCid()) {
        continue; // dropped since (a replayed DROP needs nothing more)
      }
      HotReplayTable drops = replay.apply(t);
      for (int p = 0; p < ti.parts(); p++) {
        String section = image.version() >= VERSION_COLUMNAR ? "hot/" + i + "/" + p : "hot/" + i;
        total += loadSection(reader, section, image, ti, t, drops);
      }
    }
    return total;
  }

  private static long loadSection(
      CheckpointReader reader,
      String section,
      Image image,
      TableImage ti,
      HybridTable t,
      HotReplayTable drops) {
    String path = image.file().toString();
    // Version 1 row chunks bound string lengths by the bytes available: they need the whole
    // section in memory (verified before use), as that version was always read.
    InputStream raw =
        image.version() >= VERSION_COLUMNAR
            ? reader.openSection(section)
            : new ByteArrayInputStream(reader.readSection(section));
    try (DataInputStream in = new DataInputStream(raw)) {
      try {
        return image.version() >= VERSION_COLUMNAR
            ? loadColumnar(in, path, section(reader, section), image, ti, t, drops)
            : loadRowChunks(in, path, image, ti, t, drops);
      } catch (RuntimeException | IOException e) {
        throw damageFirst(in, e, path, section);
      }
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "reading checkpoint " + path + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * A decoding error in a section whose bytes may be damaged: reading the section to its end checks
   * its CRC32C, and a mismatch is the error to report (DESIGN.md section 11), the other suppressed.
   */
  private static RuntimeException damageFirst(
      InputStream in, Exception e, String path, String section) {
    try {
      byte[] skip = new byte[1 << 16];
      while (in.read(skip, 0, skip.length) >= 0) {
        // Reading to the end is what checks the section.
      }
    } catch (CorruptFileException damage) {
      damage.addSuppressed(e);
      return damage;
    } catch (IOException | RuntimeException other) {
      e.addSuppressed(other);
    }
    if (e instanceof RuntimeException r) {
      return r;
    }
    return new CorruptFileException(
        path, 0, "section '" + section + "' is truncated: " + e.getMessage(), e);
  }

  private static CheckpointSection section(CheckpointReader reader, String name) {
    for (CheckpointSection s : reader.sections()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new CorruptFileException(reader.path(), 0, "no section '" + name + "'");
  }

  /**
   * {@code section} gives the file offset (errors name file offsets) and the length that bounds a
   * chunk's claimed length, so a damaged length never allocates more than the section holds.
   */
  private static long loadColumnar(
      DataInputStream in,
      String path,
      CheckpointSection section,
      Image image,
      TableImage ti,
      HybridTable t,
      HotReplayTable drops)
      throws IOException {
    Schema written = prefix(t.schema(), ti.columns());
    byte[] buffer = new byte[1 << 16];
    long rows = 0;
    long at = section.offset();
    long end = section.offset() + section.length();
    while (true) {
      int length = in.readInt();
      at += 4;
      if (length == 0) {
        break;
      }
      if (length < 0 || length > end - at) {
        throw new CorruptFileException(path, at - 4, "implausible chunk length " + length);
      }
      if (length > buffer.length) {
        buffer = new byte[Math.max(length, buffer.length * 2)];
      }
      in.readFully(buffer, 0, length);
      ColumnBatch b =
          ColumnChunkCodec.decode(written, new ColumnChunkCodec.In(path, at, buffer, length));
      at += length;
      rows += insert(t, image.cid(), b, drops);
    }
    if (in.read() >= 0) {
      throw new CorruptFileException(path, at, "bytes follow the last chunk of the section");
    }
    return rows;
  }

  private static long loadRowChunks(
      DataInputStream in,
      String path,
      Image image,
      TableImage ti,
      HybridTable t,
      HotReplayTable drops)
      throws IOException {
    Schema written = prefix(t.schema(), ti.columns());
    long rows = 0;
    String where = "checkpoint " + path;
    for (List<Object[]> chunk = CommitRecord.readRows(in, ti.columns(), where);
        !chunk.isEmpty();
        chunk = CommitRecord.readRows(in, ti.columns(), where)) {
      rows += insert(t, image.cid(), RowBatches.fromRows(written, chunk), drops);
    }
    if (in.read() >= 0) {
      throw new CorruptFileException(path, 0, "bytes follow the last chunk of a version 1 section");
    }
    return rows;
  }

  /** The first {@code columns} columns: the table's schema when the checkpoint was written. */
  private static Schema prefix(Schema s, int columns) {
    if (columns == s.size()) {
      return s;
    }
    if (columns > s.size() || columns < 1) {
      throw new ThermoException(
          ErrorCode.CORRUPT_FILE,
          "checkpoint holds " + columns + " columns of a table that has " + s.size());
    }
    return new Schema(s.columns().subList(0, columns), List.of(), null);
  }

  private static long insert(HybridTable t, long cid, ColumnBatch b, HotReplayTable drops) {
    Schema s = t.schema();
    ColumnBatch rows = b;
    for (int added = b.columnCount(); added < s.size(); added++) {
      rows = RowBatches.withNullColumn(rows, prefix(s, added + 1), added);
    }
    if (drops != null && drops.dropsCheckpointRows()) {
      rows = withoutDropped(rows, s, drops);
    }
    if (rows.rowCount() > 0) {
      t.insert(cid, List.of(rows), List.of(), new TierTouches());
    }
    return rows.rowCount();
  }

  private static ColumnBatch withoutDropped(ColumnBatch b, Schema s, HotReplayTable drops) {
    int[] keep = new int[b.rowCount()];
    int n = 0;
    for (int r = 0; r < b.rowCount(); r++) {
      if (!drops.dropCheckpointRow(b, r)) {
        keep[n++] = r;
      }
    }
    if (n == b.rowCount()) {
      return b;
    }
    int[] columns = new int[s.size()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = c;
    }
    return RowBatches.gather(b, s, columns, keep, n);
  }

  public static List<HybridTable> withHot(Iterable<HybridTable> all) {
    List<HybridTable> out = new ArrayList<>();
    for (HybridTable t : all) {
      if (t.hasHot()) {
        out.add(t);
      }
    }
    return out;
  }
}
