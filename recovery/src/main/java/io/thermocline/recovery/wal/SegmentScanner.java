package io.thermocline.recovery.wal;

import io.thermocline.common.io.ReadableFile;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads the records of one segment in order, validating each frame (plausible length, complete,
 * checksum, the expected LSN) and stopping at the first that fails; the caller decides whether that
 * is a torn tail or corruption. Reads through a buffer, so a scan costs a few large reads, not one
 * per record. Does not own the file. Single-threaded.
 */
final class SegmentScanner {
  private static final int INITIAL_BUFFER = 256 * 1024;

  private final ReadableFile file;
  private final long end;
  private final int maxBody;
  private final CRC32C crc = new CRC32C();
  private byte[] buffer;
  private long bufferStart;
  private int bufferLength;

  private long position;
  private long expectedLsn;
  private int recordOffsetInBuffer;
  private long recordPosition;
  private String problem;

  /**
   * @param file the segment
   * @param start offset of the first record (just after the header)
   * @param end offset where the segment's bytes end (its length when the scan starts)
   * @param firstLsn the LSN the first record must carry (the segment's base LSN)
   * @param recordMaxBytes the largest payload the writer allowed
   */
  SegmentScanner(ReadableFile file, long start, long end, long firstLsn, int recordMaxBytes) {
    this.file = file;
    this.end = end;
    this.maxBody = RecordFrame.FIXED_BODY_BYTES + recordMaxBytes;
    this.position = start;
    this.expectedLsn = firstLsn;
    this.buffer = new byte[(int) Math.min(INITIAL_BUFFER, Math.max(64, end - start))];
    this.bufferStart = start;
  }

  /**
   * Advances to the next valid record. Returns false at the end of the segment ({@link #problem()}
   * is null) or at the first invalid frame ({@link #problem()} says why, {@link #position()} is its
   * offset).
   */
  boolean next() throws IOException {
    if (problem != null || position == end) {
      return false;
    }
    long left = end - position;
    if (left < RecordFrame.PREFIX_BYTES) {
      return stop("incomplete record header: " + left + " bytes left in the segment");
    }
    int at = load(RecordFrame.PREFIX_BYTES);
    int body = RecordFrame.bodyLength(buffer, at);
    if (body < RecordFrame.FIXED_BODY_BYTES || body > maxBody) {
      return stop("implausible record length " + body);
    }
    int frame = RecordFrame.PREFIX_BYTES + body;
    if (frame > left) {
      return stop("record of " + frame + " bytes runs past the end of the segment (" + left + ")");
    }
    at = load(frame);
    int stored = RecordFrame.storedChecksum(buffer, at);
    int actual = RecordFrame.checksum(buffer, at, body, crc);
    if (stored != actual) {
      return stop(
          "record checksum mismatch (stored "
              + Integer.toHexString(stored)
              + ", computed "
              + Integer.toHexString(actual)
              + ")");
    }
    long lsn = RecordFrame.lsn(buffer, at);
    if (lsn != expectedLsn) {
      return stop("record carries LSN " + lsn + " where LSN " + expectedLsn + " belongs");
    }
    recordOffsetInBuffer = at;
    recordPosition = position;
    position += frame;
    expectedLsn++;
    return true;
  }

  long lsn() {
    return RecordFrame.lsn(buffer, recordOffsetInBuffer);
  }

  long txn() {
    return RecordFrame.txn(buffer, recordOffsetInBuffer);
  }

  int type() {
    return RecordFrame.type(buffer, recordOffsetInBuffer);
  }

  /** A copy of the current record's payload. */
  byte[] payload() {
    int from = recordOffsetInBuffer + RecordFrame.OVERHEAD_BYTES;
    int to =
        recordOffsetInBuffer
            + RecordFrame.PREFIX_BYTES
            + RecordFrame.bodyLength(buffer, recordOffsetInBuffer);
    return Arrays.copyOfRange(buffer, from, to);
  }

  /** Offset of the current record. */
  long recordPosition() {
    return recordPosition;
  }

  /** Offset just after the last valid record (where a torn tail would be cut). */
  long position() {
    return position;
  }

  /** The LSN the next record must carry: one past the last valid record. */
  long nextLsn() {
    return expectedLsn;
  }

  /** Why the scan stopped before the end of the segment, or null. */
  String problem() {
    return problem;
  }

  private boolean stop(String why) {
    problem = why;
    return false;
  }

  /** Makes {@code n} bytes at {@link #position} available in the buffer; returns their index. */
  private int load(int n) throws IOException {
    long bufferEnd = bufferStart + bufferLength;
    if (position >= bufferStart && position + n <= bufferEnd) {
      return (int) (position - bufferStart);
    }
    int keep = 0;
    if (position >= bufferStart && position < bufferEnd) {
      keep = (int) (bufferEnd - position);
    }
    if (n > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(n, buffer.length * 2));
    }
    if (keep > 0) {
      System.arraycopy(buffer, (int) (position - bufferStart), buffer, 0, keep);
    }
    int want = (int) Math.min(buffer.length - keep, end - position - keep);
    file.readFully(position + keep, buffer, keep, want);
    bufferStart = position;
    bufferLength = keep + want;
    return 0;
  }
}
