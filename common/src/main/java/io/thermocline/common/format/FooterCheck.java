package io.thermocline.common.format;

import io.thermocline.common.error.CorruptFileException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Checks the {@link FileFormat} footer (magic, CRC32C of every byte before the checksum) of a file
 * whose bytes stream past in order, e.g. while a backup copies and hashes it: the same verdict as
 * {@link FileFormat#verifyChecksum}, without a second read of the file. The last {@link
 * FileFormat#FOOTER_LENGTH} bytes seen are held back until {@link #finish} knows they are the
 * footer. Used by one thread.
 */
public final class FooterCheck {
  private final String file;
  private final CRC32C crc = new CRC32C();
  private final byte[] last = new byte[FileFormat.FOOTER_LENGTH];
  private int held;
  private long seen;

  public FooterCheck(String file) {
    this.file = file;
  }

  /** Takes the next bytes of the file (from {@code bytes}' position to its limit, not consumed). */
  public void update(ByteBuffer bytes) {
    ByteBuffer b = bytes.duplicate();
    int n = b.remaining();
    seen += n;
    if (n >= last.length) {
      crc.update(last, 0, held);
      ByteBuffer body = b.duplicate();
      body.limit(b.position() + n - last.length);
      crc.update(body);
      b.position(b.position() + n - last.length);
      b.get(last, 0, last.length);
      held = last.length;
      return;
    }
    byte[] joined = new byte[held + n];
    System.arraycopy(last, 0, joined, 0, held);
    b.get(joined, held, n);
    int overflow = Math.max(0, joined.length - last.length);
    crc.update(joined, 0, overflow);
    held = joined.length - overflow;
    System.arraycopy(joined, overflow, last, 0, held);
  }

  /**
   * Checks the footer once every byte was seen.
   *
   * @throws CorruptFileException naming the file and the footer's offset if it is missing or the
   *     checksum does not match
   */
  public void finish() {
    long footerAt = seen - held;
    if (held < last.length) {
      throw new CorruptFileException(
          file, footerAt, seen + " bytes are fewer than a " + last.length + "-byte footer");
    }
    int magic = intAt(0);
    if (magic != FileFormat.FOOTER_MAGIC) {
      throw new CorruptFileException(
          file,
          footerAt,
          "no footer: found 0x" + Integer.toHexString(magic) + " (truncated or extended?)");
    }
    crc.update(last, 0, 4);
    int actual = (int) crc.getValue();
    int expected = intAt(4);
    if (actual != expected) {
      throw new CorruptFileException(
          file,
          footerAt,
          "checksum mismatch: footer says 0x"
              + Integer.toHexString(expected)
              + ", data has 0x"
              + Integer.toHexString(actual));
    }
  }

  private int intAt(int i) {
    return ((last[i] & 0xFF) << 24)
        | ((last[i + 1] & 0xFF) << 16)
        | ((last[i + 2] & 0xFF) << 8)
        | (last[i + 3] & 0xFF);
  }
}
