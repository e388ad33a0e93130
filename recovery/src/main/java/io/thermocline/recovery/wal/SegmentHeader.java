package io.thermocline.recovery.wal;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.format.ChecksumOutput;
import io.thermocline.common.format.FileFormat;
import io.thermocline.common.io.ReadableFile;
import java.io.IOException;

/**
 * The header block that starts every segment file, in the shared format of DESIGN.md section 11:
 *
 * <pre>
 * FileFormat header ("thermocline-wal-segment", version)
 * base LSN (i64) | torn-tail bound (i64) | record max bytes (i32)
 * FileFormat footer (magic, CRC32C of the block)
 * </pre>
 *
 * A segment is appended to until it is sealed, so it cannot end with a whole-file footer; instead
 * the header block carries its own footer and every record its own CRC32C. The header records the
 * limits the writer used, so recovery judges a segment by the rules it was written under, not by
 * today's settings. Immutable.
 */
final class SegmentHeader {
  static final int VERSION_START = 1;
  static final FileFormat FORMAT = FileFormat.of("thermocline-wal-segment", VERSION_START, 1);

  /** Bytes of the header block; records start here. */
  static final int LENGTH = FORMAT.headerLength() + 8 + 8 + 4 + FileFormat.FOOTER_LENGTH;

  final long baseLsn;
  final long tornTailBound;
  final int recordMaxBytes;

  private SegmentHeader(long baseLsn, long tornTailBound, int recordMaxBytes) {
    this.baseLsn = baseLsn;
    this.tornTailBound = tornTailBound;
    this.recordMaxBytes = recordMaxBytes;
  }

  static byte[] encode(String path, long baseLsn, long tornTailBound, int recordMaxBytes)
      throws IOException {
    try (ChecksumOutput out = ChecksumOutput.toMemory(path)) {
      FORMAT.writeHeader(out);
      out.writeLong(baseLsn);
      out.writeLong(tornTailBound);
      out.writeInt(recordMaxBytes);
      out.writeFooter();
      return out.toByteArray();
    }
  }

  /**
   * Reads and verifies the header of {@code file}, whose name says its base LSN is {@code
   * expectedBaseLsn}.
   *
   * @throws CorruptFileException if the block is short, damaged or disagrees with the file name
   * @throws io.thermocline.common.error.FormatVersionException if a newer build wrote it
   */
  static SegmentHeader read(ReadableFile file, long expectedBaseLsn) throws IOException {
    long length = file.length();
    if (length < LENGTH) {
      throw new CorruptFileException(
          file.path(),
          length,
          "segment of " + length + " bytes is shorter than its " + LENGTH + "-byte header");
    }
    byte[] block = new byte[LENGTH];
    file.readFully(0, block, 0, LENGTH);
    SegmentHeader header =
        FORMAT.decode(
            file.path(),
            block,
            (in, version) -> new SegmentHeader(in.readLong(), in.readLong(), in.readInt()));
    if (header.baseLsn != expectedBaseLsn) {
      throw new CorruptFileException(
          file.path(),
          FORMAT.headerLength(),
          "header says base LSN " + header.baseLsn + " but the file name says " + expectedBaseLsn);
    }
    if (header.recordMaxBytes < 0 || header.tornTailBound < 0) {
      throw new CorruptFileException(
          file.path(), FORMAT.headerLength() + 8, "header holds negative limits");
    }
    return header;
  }
}
