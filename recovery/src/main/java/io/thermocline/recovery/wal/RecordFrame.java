package io.thermocline.recovery.wal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The byte layout of one log record (DESIGN.md section 6), big-endian:
 *
 * <pre>
 * [length u32][crc32c u32][lsn i64][txn i64][type u8][payload ...]
 * </pre>
 *
 * {@code length} counts the bytes after the checksum (17 + payload). The checksum covers the length
 * field and everything after the checksum, so a damaged length cannot frame a plausible record.
 * Stateless; callers pass their own {@link CRC32C} because it is not thread-safe.
 */
final class RecordFrame {
  /** Length and checksum. */
  static final int PREFIX_BYTES = 8;

  /** LSN, transaction id and type. */
  static final int FIXED_BODY_BYTES = 17;

  static final int OVERHEAD_BYTES = PREFIX_BYTES + FIXED_BODY_BYTES;

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private RecordFrame() {}

  static int frameLength(int payloadLength) {
    return OVERHEAD_BYTES + payloadLength;
  }

  /** Writes one frame at {@code off}; returns its length. {@code buf} must have room. */
  static int encode(byte[] buf, int off, long lsn, long txn, int type, byte[] payload, CRC32C crc) {
    int body = FIXED_BODY_BYTES + payload.length;
    INT.set(buf, off, body);
    LONG.set(buf, off + 8, lsn);
    LONG.set(buf, off + 16, txn);
    buf[off + 24] = (byte) type;
    System.arraycopy(payload, 0, buf, off + OVERHEAD_BYTES, payload.length);
    INT.set(buf, off + 4, checksum(buf, off, body, crc));
    return PREFIX_BYTES + body;
  }

  /** The checksum a frame at {@code off} with {@code bodyLength} body bytes should carry. */
  static int checksum(byte[] buf, int off, int bodyLength, CRC32C crc) {
    crc.reset();
    crc.update(buf, off, 4);
    crc.update(buf, off + PREFIX_BYTES, bodyLength);
    return (int) crc.getValue();
  }

  static int bodyLength(byte[] buf, int off) {
    return (int) INT.get(buf, off);
  }

  static int storedChecksum(byte[] buf, int off) {
    return (int) INT.get(buf, off + 4);
  }

  static long lsn(byte[] buf, int off) {
    return (long) LONG.get(buf, off + 8);
  }

  static long txn(byte[] buf, int off) {
    return (long) LONG.get(buf, off + 16);
  }

  static int type(byte[] buf, int off) {
    return buf[off + 24] & 0xFF;
  }
}
