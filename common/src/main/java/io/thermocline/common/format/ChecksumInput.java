package io.thermocline.common.format;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.io.ReadableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * A buffered, big-endian sequential reader of a {@link ReadableFile} (which it owns and closes) or
 * of a byte array, keeping the CRC32C of every byte read. The data region ends where the footer
 * begins: a read beyond it (a corrupt length field, a truncated file) is a {@link
 * CorruptFileException} naming the file and offset, never a read of footer bytes or an
 * out-of-memory error. Files without a footer (an unsealed log segment) use {@link
 * #openWithoutFooter}. Single-threaded.
 */
public final class ChecksumInput implements AutoCloseable {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final ReadableFile file;
  private final long length;
  private final long dataEnd;
  private final boolean hasFooter;
  private final CRC32C crc = new CRC32C();
  private final byte[] buffer;
  private long bufferStart;
  private int bufferLength;
  private int bufferPos;

  private ChecksumInput(ReadableFile file, boolean hasFooter) throws IOException {
    this.file = file;
    this.length = file.length();
    this.hasFooter = hasFooter;
    this.dataEnd = hasFooter ? length - FileFormat.FOOTER_LENGTH : length;
    this.buffer = new byte[(int) Math.min(BUFFER_SIZE, Math.max(16, length))];
    if (dataEnd < 0) {
      throw new CorruptFileException(
          file.path(),
          length,
          "file of "
              + length
              + " bytes is too short for a "
              + FileFormat.FOOTER_LENGTH
              + "-byte footer (truncated?)");
    }
  }

  /** Reads {@code file}, whose last bytes are a footer; closing the input closes the file. */
  public static ChecksumInput open(ReadableFile file) throws IOException {
    try {
      return new ChecksumInput(file, true);
    } catch (RuntimeException | IOException e) {
      file.close();
      throw e;
    }
  }

  /** Reads {@code file} to its end; it has no footer (it is still being appended to). */
  public static ChecksumInput openWithoutFooter(ReadableFile file) throws IOException {
    return new ChecksumInput(file, false);
  }

  /** Reads {@code bytes} (a whole file named {@code name} in messages), ending in a footer. */
  public static ChecksumInput of(String name, byte[] bytes) {
    try {
      return new ChecksumInput(new MemoryFiles.Readable(name, bytes), true);
    } catch (IOException e) {
      throw new IllegalStateException("memory reads do not fail", e);
    }
  }

  public String path() {
    return file.path();
  }

  /** Offset of the next byte to read. */
  public long position() {
    return bufferStart + bufferPos;
  }

  /** Total length of the file, footer included. */
  public long length() {
    return length;
  }

  /** Offset where the data ends (the footer starts, or the file ends without one). */
  public long dataEnd() {
    return dataEnd;
  }

  /** Data bytes left before the footer. */
  public long remaining() {
    return dataEnd - position();
  }

  boolean hasFooter() {
    return hasFooter;
  }

  /** A corruption error naming this file and the current offset. */
  public CorruptFileException corrupt(String problem) {
    return new CorruptFileException(file.path(), position(), problem);
  }

  public byte readByte() throws IOException {
    if (bufferPos == bufferLength) {
      fill(1);
    }
    return buffer[bufferPos++];
  }

  public void readBytes(byte[] dst, int offset, int len) throws IOException {
    require(len);
    while (len > 0) {
      if (bufferPos == bufferLength) {
        fill(1);
      }
      int n = Math.min(len, bufferLength - bufferPos);
      System.arraycopy(buffer, bufferPos, dst, offset, n);
      bufferPos += n;
      offset += n;
      len -= n;
    }
  }

  public short readShort() throws IOException {
    return (short) (((readByte() & 0xFF) << 8) | (readByte() & 0xFF));
  }

  public int readInt() throws IOException {
    return ((readByte() & 0xFF) << 24)
        | ((readByte() & 0xFF) << 16)
        | ((readByte() & 0xFF) << 8)
        | (readByte() & 0xFF);
  }

  public long readLong() throws IOException {
    return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
  }

  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  /** Reads what {@link ChecksumOutput#writeVLong} wrote; more than 10 bytes is corruption. */
  public long readVLong() throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = readByte();
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw corrupt("variable-length integer longer than 10 bytes");
  }

  /** Reads what {@link ChecksumOutput#writeString} wrote. */
  public String readString() throws IOException {
    long start = position();
    long n = readVLong();
    if (n < 0 || n > remaining()) {
      throw new CorruptFileException(
          file.path(), start, "string length " + n + " exceeds the " + remaining() + " bytes left");
    }
    byte[] utf8 = new byte[(int) n];
    readBytes(utf8, 0, utf8.length);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** Skips {@code n} data bytes; they still count towards the checksum. */
  public void skip(long n) throws IOException {
    require(n);
    while (n > 0) {
      if (bufferPos == bufferLength) {
        fill(1);
      }
      int step = (int) Math.min(n, bufferLength - bufferPos);
      bufferPos += step;
      n -= step;
    }
  }

  /** Throws a {@link CorruptFileException} unless {@code n} data bytes are left. */
  public void require(long n) {
    if (n < 0 || n > remaining()) {
      throw corrupt(
          "read of "
              + n
              + " bytes past the end of the data at offset "
              + dataEnd
              + " (truncated?)");
    }
  }

  /**
   * Reads the footer; the caller must have consumed every data byte. Package-private: use {@link
   * FileFormat#checkFooter}.
   */
  int readFooterAndChecksum(byte[] footer) throws IOException {
    // Bytes still buffered were checksummed when the buffer was filled.
    file.readFully(dataEnd, footer, 0, footer.length);
    crc.update(footer, 0, 4);
    return (int) crc.getValue();
  }

  private void fill(int atLeast) throws IOException {
    long pos = position();
    require(atLeast);
    int n = (int) Math.min(buffer.length, dataEnd - pos);
    file.readFully(pos, buffer, 0, n);
    crc.update(buffer, 0, n);
    bufferStart = pos;
    bufferLength = n;
    bufferPos = 0;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
