package io.thermocline.recovery.wal;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One log segment holding a range of another log's records, {@code fromLsn..toLsn}: what a full
 * backup carries besides a checkpoint. Copying the source segments whole would also carry every
 * record before {@code fromLsn} that shares a segment with it (up to {@code wal.segment.bytes}),
 * and the end of a segment copied while it grows. Each record is read through the log's own replay
 * (its CRC32C checked) and framed again with the same LSN, transaction, type and payload behind a
 * segment header whose base is {@code fromLsn}, so the result is a segment like any other, named
 * {@link #fileName}, that log recovery and replay read as they read the live log. Stateless.
 */
public final class WalExport {
  private static final int BUFFER_BYTES = 1 << 20;

  private WalExport() {}

  /** The name of the exported segment: that of a segment whose first record is {@code fromLsn}. */
  public static String fileName(long fromLsn) {
    return SegmentNames.of(fromLsn);
  }

  /**
   * Writes the records {@code fromLsn..toLsn} of {@code segments} into the new file {@code path}
   * through {@code io}, fsynced, and returns its length. With {@code toLsn < fromLsn} the file
   * holds the header alone (an empty log that continues at {@code fromLsn}).
   *
   * @param sourceIo reads the source segments
   * @param segments paths of consecutive segments of one log, oldest first, each named as the log
   *     names its segments (e.g. hard links of a live log's files), covering {@code fromLsn..toLsn}
   * @param path must be named {@link #fileName}{@code (fromLsn)}
   * @throws io.thermocline.common.error.CorruptFileException naming segment and offset if a source
   *     record in the range is damaged or missing
   */
  public static long write(
      FileIO sourceIo, List<String> segments, long fromLsn, long toLsn, FileIO io, String path) {
    if (!path.endsWith(fileName(fromLsn))) {
      throw new IllegalArgumentException(path + " must be named " + fileName(fromLsn));
    }
    try {
      List<SegmentList.Entry> entries = new ArrayList<>();
      long tornTailBound = 0;
      int recordMaxBytes = 0;
      for (String s : segments) {
        long base = SegmentNames.baseLsn(s.substring(s.lastIndexOf('/') + 1));
        if (base < 0) {
          throw new IllegalArgumentException(s + " is not named as a log segment");
        }
        try (ReadableFile f = sourceIo.open(s)) {
          SegmentHeader h = SegmentHeader.read(f, base);
          tornTailBound = Math.max(tornTailBound, h.tornTailBound);
          recordMaxBytes = Math.max(recordMaxBytes, h.recordMaxBytes);
        }
        entries.add(new SegmentList.Entry(s, base));
      }
      try (Writer out = new Writer(io.create(path))) {
        out.put(SegmentHeader.encode(path, fromLsn, tornTailBound, recordMaxBytes));
        if (toLsn >= fromLsn) {
          LogReplay.replay(sourceIo, entries, fromLsn, toLsn, out::record);
        }
        return out.finish();
      }
    } catch (IOException e) {
      throw exportFailed(fromLsn, toLsn, path, e);
    } catch (java.io.UncheckedIOException e) {
      throw exportFailed(fromLsn, toLsn, path, e.getCause());
    }
  }

  private static ThermoException exportFailed(long from, long to, String path, IOException e) {
    return new ThermoException(
        ErrorCode.IO_ERROR,
        "cannot export LSN " + from + ".." + to + " into " + path + ": " + e.getMessage(),
        e);
  }

  /** Frames records into a buffer written in large blocks; single thread. */
  private static final class Writer implements AutoCloseable {
    private final WritableFile file;
    private final CRC32C crc = new CRC32C();
    private byte[] buffer = new byte[BUFFER_BYTES];
    private int used;
    private long written;

    Writer(WritableFile file) {
      this.file = file;
    }

    void put(byte[] bytes) throws IOException {
      room(bytes.length);
      System.arraycopy(bytes, 0, buffer, used, bytes.length);
      used += bytes.length;
    }

    void record(WalRecord r) {
      try {
        room(RecordFrame.frameLength(r.payload().length));
        used += RecordFrame.encode(buffer, used, r.lsn(), r.txn(), r.type(), r.payload(), crc);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private void room(int bytes) throws IOException {
      if (used + bytes > buffer.length) {
        flush();
        if (bytes > buffer.length) {
          buffer = new byte[bytes];
        }
      }
    }

    private void flush() throws IOException {
      file.write(buffer, 0, used);
      written += used;
      used = 0;
    }

    long finish() throws IOException {
      flush();
      file.sync();
      return written;
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
