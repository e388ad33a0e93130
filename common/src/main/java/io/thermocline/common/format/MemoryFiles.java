package io.thermocline.common.format;

import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.EOFException;
import java.util.Arrays;

/**
 * In-memory {@link ReadableFile} and {@link WritableFile}, so small files (manifests, catalogs) use
 * the same checksummed streams as large ones. Single-threaded.
 */
final class MemoryFiles {
  private MemoryFiles() {}

  static final class Readable implements ReadableFile {
    private final String name;
    private final byte[] bytes;

    Readable(String name, byte[] bytes) {
      this.name = name;
      this.bytes = bytes;
    }

    @Override
    public String path() {
      return name;
    }

    @Override
    public long length() {
      return bytes.length;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length)
        throws EOFException {
      if (position < 0 || position + length > bytes.length) {
        throw new EOFException(
            "unexpected end of " + name + " at offset " + position + ", wanted " + length);
      }
      System.arraycopy(bytes, (int) position, buffer, offset, length);
    }

    @Override
    public void close() {}
  }

  static final class Writable implements WritableFile {
    private final String name;
    private byte[] bytes = new byte[256];
    private int size;

    Writable(String name) {
      this.name = name;
    }

    @Override
    public String path() {
      return name;
    }

    @Override
    public void write(byte[] b, int offset, int length) {
      if (size + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(size + length, bytes.length * 2));
      }
      System.arraycopy(b, offset, bytes, size, length);
      size += length;
    }

    @Override
    public long position() {
      return size;
    }

    @Override
    public void sync() {}

    @Override
    public void close() {}

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }
}
