package io.thermocline.engine.durability;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.table.RowBatches;
import io.thermocline.recovery.checkpoint.CheckpointFile;
import io.thermocline.recovery.checkpoint.CheckpointReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The hot tier at one commit id in one checkpoint file ({@code <data>/checkpoint/hot.ckpt}, through
 * {@link CheckpointFile}: sections with CRC32C, replaced atomically). Section {@code meta}: {@code
 * u8 version, i64 cid, i64 first LSN to replay, i32 tables}, then per table {@code str name, i64
 * createdCid, i32 columns}; section {@code hot/<i>} per table: chunks of {@code i32 rows} + rows
 * (the row coding of {@link CommitRecord}), ended by a chunk of 0 rows. Stateless.
 */
public final class HotCheckpoint {
  static final int VERSION = 1;

  /** What a loaded checkpoint covers: commits up to {@code cid}, log records from {@code lsn}. */
  public record Covered(long cid, long lsn, long rows) {
    static final Covered NONE = new Covered(0, 1, 0);
  }

  private HotCheckpoint() {}

  public static Path file(Path dataDirectory) {
    return dataDirectory.resolve("checkpoint").resolve("hot.ckpt");
  }

  /**
   * Writes the hot rows of {@code tables} visible at {@code cid} (a registered snapshot); {@code
   * lsn} is the first log record the checkpoint does not cover. Returns the rows written.
   */
  public static long write(Path dataDirectory, long cid, long lsn, List<HybridTable> tables) {
    Path f = file(dataDirectory);
    try {
      Files.createDirectories(f.getParent());
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot create " + f.getParent() + ": " + e.getMessage(), e);
    }
    long[] rows = {0};
    CheckpointFile.write(
        LocalFileIO.INSTANCE,
        f.toString(),
        w -> {
          ByteArrayOutputStream meta = new ByteArrayOutputStream();
          try (DataOutputStream out = new DataOutputStream(meta)) {
            out.writeByte(VERSION);
            out.writeLong(cid);
            out.writeLong(lsn);
            out.writeInt(tables.size());
            for (HybridTable t : tables) {
              CommitRecord.writeString(out, t.name());
              out.writeLong(t.definition().createdCid());
              out.writeInt(t.schema().size());
            }
          }
          w.section("meta", meta.toByteArray());
          for (int i = 0; i < tables.size(); i++) {
            HybridTable t = tables.get(i);
            int columns = t.schema().size();
            try (DataOutputStream out = new DataOutputStream(w.openSection("hot/" + i));
                BatchCursor c = t.scanHot(ScanRequest.at(cid))) {
              for (ColumnBatch b = c.next(); b != null; b = c.next()) {
                List<Object[]> chunk = RowBatches.toRows(List.of(b));
                CommitRecord.writeRows(out, chunk, columns);
                rows[0] += chunk.size();
              }
              out.writeInt(0);
            }
          }
        });
    return rows[0];
  }

  /**
   * Loads the checkpoint, if there is one, into the hot tiers of the tables it names that still
   * exist as the same table (same create id); returns what it covers.
   */
  public static Covered load(Path dataDirectory, Function<String, HybridTable> tables) {
    Path f = file(dataDirectory);
    if (!Files.exists(f)) {
      return Covered.NONE;
    }
    CheckpointReader reader = CheckpointFile.open(LocalFileIO.INSTANCE, f.toString());
    String where = "checkpoint " + f;
    try (DataInputStream meta =
        new DataInputStream(new ByteArrayInputStream(reader.readSection("meta")))) {
      int version = meta.readUnsignedByte();
      if (version != VERSION) {
        throw new ThermoException(
            version > VERSION ? ErrorCode.FORMAT_TOO_NEW : ErrorCode.CORRUPT_FILE,
            where + " has version " + version + "; this build reads " + VERSION);
      }
      long cid = meta.readLong();
      long lsn = meta.readLong();
      int n = meta.readInt();
      long total = 0;
      for (int i = 0; i < n; i++) {
        String name = CommitRecord.readString(meta);
        long created = meta.readLong();
        int columns = meta.readInt();
        HybridTable t = tables.apply(name);
        if (t == null || !t.hasHot() || t.definition().createdCid() != created) {
          continue; // dropped since (a replayed DROP needs nothing more)
        }
        try (DataInputStream in =
            new DataInputStream(new ByteArrayInputStream(reader.readSection("hot/" + i)))) {
          for (List<Object[]> chunk = CommitRecord.readRows(in, columns, where);
              !chunk.isEmpty();
              chunk = CommitRecord.readRows(in, columns, where)) {
            t.replayHot(cid, List.of(), chunk);
            total += chunk.size();
          }
        }
      }
      return new Covered(cid, lsn, total);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.CORRUPT_FILE, where + " is truncated: " + e.getMessage(), e);
    }
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
