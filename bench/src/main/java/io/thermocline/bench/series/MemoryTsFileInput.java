package io.thermocline.bench.series;

import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.tsfile.read.reader.TsFileInput;

/**
 * A TsFile read from a byte array (see {@link MemoryTsFileOutput}). One position shared by the
 * channel-style reads and the stream view, as TsFile's own local input has. Single-threaded.
 */
final class MemoryTsFileInput implements TsFileInput {
  private final byte[] file;
  private final String name;
  private int pos;

  MemoryTsFileInput(byte[] file, String name) {
    this.file = file;
    this.name = name;
  }

  @Override
  public long size() {
    return file.length;
  }

  @Override
  public long position() {
    return pos;
  }

  @Override
  public TsFileInput position(long newPosition) {
    pos = (int) newPosition;
    return this;
  }

  @Override
  public int read(ByteBuffer dst) {
    int n = read(dst, pos);
    if (n > 0) {
      pos += n;
    }
    return n;
  }

  @Override
  public int read(ByteBuffer dst, long position) {
    if (position >= file.length) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), file.length - position);
    dst.put(file, (int) position, n);
    return n;
  }

  @Override
  public InputStream wrapAsInputStream() {
    return new InputStream() {
      @Override
      public int read() {
        return pos < file.length ? file[pos++] & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= file.length) {
          return -1;
        }
        int n = Math.min(len, file.length - pos);
        System.arraycopy(file, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }

  @Override
  public void close() {}

  @Override
  public String getFilePath() {
    return name;
  }
}
