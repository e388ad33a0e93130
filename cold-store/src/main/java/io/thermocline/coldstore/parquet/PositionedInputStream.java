package io.thermocline.coldstore.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input stream built on one positioned read: a subclass says how to read bytes at a file
 * position ({@link #readAt}); this class keeps the position and derives every other read parquet
 * calls (single byte, fully, into heap or direct buffers) from it, so the bookkeeping and the
 * end-of-file errors are written once. Parquet's own {@code DelegatingSeekableInputStream} wraps a
 * stream that moves by itself, which these sources (a file plus verified bytes) are not. One reader
 * thread, like the parquet reader that owns it.
 */
abstract class PositionedInputStream extends SeekableInputStream {
  private final byte[] one = new byte[1];
  private long pos;

  /**
   * Reads up to {@code len > 0} bytes at {@code position} into {@code b}.
   *
   * @return how many bytes were read (at least one), or -1 at end of file
   */
  protected abstract int readAt(long position, byte[] b, int off, int len) throws IOException;

  @Override
  public final long getPos() {
    return pos;
  }

  @Override
  public final void seek(long newPos) {
    pos = newPos;
  }

  @Override
  public final int read() throws IOException {
    int r = read(one, 0, 1);
    return r <= 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public final int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int r = readAt(pos, b, off, len);
    if (r > 0) {
      pos += r;
    }
    return r;
  }

  @Override
  public final void readFully(byte[] bytes) throws IOException {
    readFully(bytes, 0, bytes.length);
  }

  @Override
  public final void readFully(byte[] bytes, int start, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int r = read(bytes, start + done, len - done);
      if (r < 0) {
        throw new EOFException("file ends at " + pos + " with " + (len - done) + " bytes unread");
      }
      done += r;
    }
  }

  @Override
  public final int read(ByteBuffer buf) throws IOException {
    if (!buf.hasRemaining()) {
      return 0;
    }
    if (buf.hasArray()) {
      int r = read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
      if (r > 0) {
        buf.position(buf.position() + r);
      }
      return r;
    }
    byte[] tmp = new byte[Math.min(buf.remaining(), 1 << 16)];
    int r = read(tmp, 0, tmp.length);
    if (r > 0) {
      buf.put(tmp, 0, r);
    }
    return r;
  }

  @Override
  public final void readFully(ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      if (read(buf) < 0) {
        throw new EOFException(
            "file ends at " + pos + " with " + buf.remaining() + " bytes unread");
      }
    }
  }
}
