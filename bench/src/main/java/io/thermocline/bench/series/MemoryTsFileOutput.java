package io.thermocline.bench.series;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.tsfile.write.writer.TsFileOutput;

/**
 * A TsFile written into a growable byte array, so TsFile's write is timed without the file system
 * as Thermocline's encoding is; the bytes are exactly those a file would hold. Single-threaded.
 */
final class MemoryTsFileOutput implements TsFileOutput {
  private byte[] buf = new byte[1 << 16];
  private int size;

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  @Override
  public void write(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  @Override
  public void write(byte b) {
    ensure(1);
    buf[size++] = b;
  }

  @Override
  public void write(ByteBuffer b) {
    int n = b.remaining();
    ensure(n);
    b.get(buf, size, n);
    size += n;
  }

  @Override
  public long getPosition() {
    return size;
  }

  @Override
  public void close() {}

  @Override
  public OutputStream wrapAsStream() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        MemoryTsFileOutput.this.write((byte) b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
      }
    };
  }

  @Override
  public void flush() {}

  @Override
  public void truncate(long newSize) {
    size = (int) Math.min(size, newSize);
  }

  @Override
  public void force() {}

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
