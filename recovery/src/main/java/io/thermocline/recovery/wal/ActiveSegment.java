package io.thermocline.recovery.wal;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.WritableFile;
import java.io.IOException;

/**
 * The segment the log appends to. Owned by the flusher thread alone (single writer); other threads
 * only learn of it through the segment list.
 */
final class ActiveSegment implements AutoCloseable {
  private final WritableFile file;
  private final long baseLsn;
  private final long headerLength;
  private long position;
  private long syncedPosition;
  private boolean closed;

  private ActiveSegment(WritableFile file, long baseLsn, long headerLength, long position) {
    this.file = file;
    this.baseLsn = baseLsn;
    this.headerLength = headerLength;
    this.position = position;
    this.syncedPosition = position;
  }

  /**
   * Creates a segment whose first record will carry {@code baseLsn}: writes and fsyncs its header,
   * then fsyncs the directory, so that no record is ever written into a file that could vanish.
   */
  static ActiveSegment create(FileIO io, String directory, long baseLsn, WalSettings settings)
      throws IOException {
    String path = io.resolve(directory, SegmentNames.of(baseLsn));
    byte[] header =
        SegmentHeader.encode(path, baseLsn, settings.tornTailBound(), settings.recordMaxBytes());
    WritableFile file = io.create(path);
    try {
      file.write(header, 0, header.length);
      file.sync();
      io.syncDirectory(directory);
    } catch (IOException | RuntimeException e) {
      closeQuietly(file, e);
      throw e;
    }
    return new ActiveSegment(file, baseLsn, header.length, header.length);
  }

  /**
   * Reopens a recovered segment for appending after its last valid record. Syncs it first: a
   * previous process may have left acknowledged but unsynced bytes (BATCH policy), which must not
   * add to the unsynced bytes this process leaves.
   */
  static ActiveSegment reopen(FileIO io, String path, long baseLsn, long headerLength, long end)
      throws IOException {
    WritableFile file = io.append(path);
    try {
      long at = file.position();
      if (at != end) {
        throw new ThermoException(
            ErrorCode.INTERNAL,
            "log segment " + path + " is " + at + " bytes long after recovery, expected " + end);
      }
      file.sync();
    } catch (IOException | RuntimeException e) {
      closeQuietly(file, e);
      throw e;
    }
    return new ActiveSegment(file, baseLsn, headerLength, end);
  }

  /** Syncs a recovered segment that will not be appended to, before a newer one is created. */
  static void seal(FileIO io, String path) throws IOException {
    try (WritableFile file = io.append(path)) {
      file.sync();
    }
  }

  String path() {
    return file.path();
  }

  long baseLsn() {
    return baseLsn;
  }

  long position() {
    return position;
  }

  /** Whether no record has been written into the segment yet. */
  boolean isEmpty() {
    return position == headerLength;
  }

  long unsyncedBytes() {
    return position - syncedPosition;
  }

  long syncedPosition() {
    return syncedPosition;
  }

  void write(byte[] bytes, int offset, int length) throws IOException {
    file.write(bytes, offset, length);
    position += length;
  }

  void sync() throws IOException {
    file.sync();
    syncedPosition = position;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      file.close();
    }
  }

  private static void closeQuietly(WritableFile file, Exception primary) {
    try {
      file.close();
    } catch (IOException | RuntimeException e) {
      if (primary != null) {
        primary.addSuppressed(e);
      }
    }
  }
}
