package io.thermocline.common.format;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.WritableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * A buffered, big-endian output that keeps a CRC32C of every byte it writes and ends the file with
 * the footer of {@link FileFormat}: footer magic, then the CRC32C of everything before the CRC
 * itself. Writes to a {@link WritableFile} (which it owns and closes) or to memory ({@link
 * #toMemory}, then {@link #toByteArray}). Single-threaded.
 */
public final class ChecksumOutput implements AutoCloseable {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final WritableFile file;
  private final CRC32C crc = new CRC32C();
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private final long start;
  private long flushed;
  private int buffered;
  private boolean footerWritten;
  private boolean closed;

  private ChecksumOutput(WritableFile file) throws IOException {
    this.file = file;
    this.start = file.position();
  }

  /** An output over {@code file}; closing the output closes the file. */
  public static ChecksumOutput to(WritableFile file) throws IOException {
    try {
      return new ChecksumOutput(file);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** An output into memory named {@code name} (for messages); read it with {@link #toByteArray}. */
  public static ChecksumOutput toMemory(String name) {
    try {
      return new ChecksumOutput(new MemoryFiles.Writable(name));
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.INTERNAL, "memory output failed", e);
    }
  }

  public String path() {
    return file.path();
  }

  /** Bytes written so far, footer included. */
  public long position() {
    return start + flushed + buffered;
  }

  public void writeByte(int b) throws IOException {
    checkOpen();
    if (buffered == buffer.length) {
      flushBuffer();
    }
    buffer[buffered++] = (byte) b;
  }

  public void writeBytes(byte[] bytes) throws IOException {
    writeBytes(bytes, 0, bytes.length);
  }

  public void writeBytes(byte[] bytes, int offset, int length) throws IOException {
    checkOpen();
    if (length > buffer.length - buffered) {
      flushBuffer();
      if (length > buffer.length) {
        crc.update(bytes, offset, length);
        file.write(bytes, offset, length);
        flushed += length;
        return;
      }
    }
    System.arraycopy(bytes, offset, buffer, buffered, length);
    buffered += length;
  }

  public void writeShort(int v) throws IOException {
    writeByte(v >>> 8);
    writeByte(v);
  }

  public void writeInt(int v) throws IOException {
    writeByte(v >>> 24);
    writeByte(v >>> 16);
    writeByte(v >>> 8);
    writeByte(v);
  }

  public void writeLong(long v) throws IOException {
    writeInt((int) (v >>> 32));
    writeInt((int) v);
  }

  public void writeDouble(double v) throws IOException {
    writeLong(Double.doubleToRawLongBits(v));
  }

  /** Unsigned LEB128: 7 bits a byte, low bits first; negative values take 10 bytes. */
  public void writeVLong(long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    writeByte((int) v);
  }

  /** A string as its UTF-8 length ({@link #writeVLong}) followed by the UTF-8 bytes. */
  public void writeString(String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeVLong(utf8.length);
    writeBytes(utf8);
  }

  /**
   * Ends the file: footer magic (checksummed) and the CRC32C of every byte before the CRC. Nothing
   * may be written afterwards. Does not sync; call {@link #sync} for durability.
   */
  public void writeFooter() throws IOException {
    writeInt(FileFormat.FOOTER_MAGIC);
    flushBuffer();
    int value = (int) crc.getValue();
    byte[] footer = {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
    file.write(footer, 0, footer.length);
    flushed += footer.length;
    footerWritten = true;
  }

  /** Flushes buffered bytes and forces the file to stable storage. */
  public void sync() throws IOException {
    flushBuffer();
    file.sync();
  }

  /** The bytes of an in-memory output. */
  public byte[] toByteArray() throws IOException {
    if (!(file instanceof MemoryFiles.Writable mem)) {
      throw new ThermoException(ErrorCode.INTERNAL, file.path() + " is not an in-memory output");
    }
    flushBuffer();
    return mem.toByteArray();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flushBuffer();
    } finally {
      file.close();
    }
  }

  private void flushBuffer() throws IOException {
    if (buffered > 0) {
      crc.update(buffer, 0, buffered);
      file.write(buffer, 0, buffered);
      flushed += buffered;
      buffered = 0;
    }
  }

  private void checkOpen() {
    if (footerWritten || closed) {
      throw new ThermoException(
          ErrorCode.INTERNAL,
          "write to " + file.path() + " after its " + (closed ? "close" : "footer"));
    }
  }
}
