package io.thermocline.recovery.checkpoint;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.format.ChecksumOutput;
import io.thermocline.common.format.FileFormat;
import io.thermocline.common.io.FileIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A checkpoint file: named sections of bytes (the engine puts hot partitions in them) in the shared
 * format of DESIGN.md section 11.
 *
 * <pre>
 * FileFormat header ("thermocline-checkpoint", version)
 * section bytes, back to back
 * index   = count (i32), per section: name length (u16) | name (UTF-8) | offset (i64)
 *           | length (i64) | CRC32C (i32)
 * trailer = index offset (i64) | index length (i32) | index CRC32C (i32)
 * FileFormat footer (magic, CRC32C of the whole file)
 * </pre>
 *
 * Each section has its own length and CRC32C, so a reader can load one section, verified, without
 * reading the whole file; {@link CheckpointReader#verify} checks the whole-file footer too. Files
 * are replaced atomically (temporary file, fsync, rename, directory fsync). Stateless.
 */
public final class CheckpointFile {
  public static final int VERSION_START = 1;
  public static final FileFormat FORMAT =
      FileFormat.of("thermocline-checkpoint", VERSION_START, VERSION_START);

  /** Index offset, index length, index checksum. */
  static final int TRAILER_LENGTH = 16;

  /** Writes the sections of a checkpoint. */
  @FunctionalInterface
  public interface Content {
    void write(CheckpointWriter writer) throws IOException;
  }

  private CheckpointFile() {}

  /**
   * Writes a checkpoint to {@code path} atomically: after a crash the path holds the previous file
   * or this one, never a mix.
   *
   * @throws ThermoException {@link ErrorCode#IO_ERROR} naming the file if writing fails (the
   *     temporary file is removed and the previous checkpoint stays)
   */
  public static void write(FileIO io, String path, Content content) {
    try {
      FORMAT.writeAtomically(
          io,
          path,
          out -> {
            CheckpointWriter writer = new CheckpointWriter(out);
            content.write(writer);
            writeIndex(out, writer.sections());
          });
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "writing checkpoint " + path + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Opens a checkpoint: checks its header, trailer and index (not yet every section's bytes).
   *
   * @throws io.thermocline.common.error.CorruptFileException naming file and offset
   * @throws io.thermocline.common.error.FormatVersionException if a newer build wrote it
   */
  public static CheckpointReader open(FileIO io, String path) {
    try {
      return CheckpointReader.open(io, path);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "reading checkpoint " + path + " failed: " + e.getMessage(), e);
    }
  }

  private static void writeIndex(ChecksumOutput out, List<CheckpointSection> sections)
      throws IOException {
    long indexOffset = out.position();
    byte[] index;
    try (ChecksumOutput mem = ChecksumOutput.toMemory(out.path())) {
      mem.writeInt(sections.size());
      for (CheckpointSection s : sections) {
        byte[] name = s.name().getBytes(StandardCharsets.UTF_8);
        mem.writeShort(name.length);
        mem.writeBytes(name);
        mem.writeLong(s.offset());
        mem.writeLong(s.length());
        mem.writeInt(s.crc32c());
      }
      index = mem.toByteArray();
    }
    CRC32C crc = new CRC32C();
    crc.update(index, 0, index.length);
    out.writeBytes(index);
    out.writeLong(indexOffset);
    out.writeInt(index.length);
    out.writeInt((int) crc.getValue());
  }
}
