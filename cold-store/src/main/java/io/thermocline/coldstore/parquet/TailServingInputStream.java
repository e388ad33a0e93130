package io.thermocline.coldstore.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input stream that serves the file's tail (page indexes and footer) from bytes already
 * read and verified against the manifest's CRC, and everything before it from the file. So the
 * column and offset indexes that drive page pruning are exactly the verified ones, and each scan
 * reads the tail once. One reader thread.
 */
final class TailServingInputStream extends SeekableInputStream {
  private final SeekableInputStream file;
  private final byte[] tail;
  private final long tailOffset;
  private long pos;

  TailServingInputStream(SeekableInputStream file, byte[] tail, long tailOffset) {
    this.file = file;
    this.tail = tail;
    this.tailOffset = tailOffset;
  }

  @Override
  public long getPos() {
    return pos;
  }

  @Override
  public void seek(long newPos) {
    pos = newPos;
  }

  @Override
  public int read() throws IOException {
    if (pos >= tailOffset) {
      long i = pos - tailOffset;
      if (i >= tail.length) {
        return -1;
      }
      pos++;
      return tail[(int) i] & 0xFF;
    }
    file.seek(pos);
    int b = file.read();
    if (b >= 0) {
      pos++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos >= tailOffset) {
      long i = pos - tailOffset;
      if (i >= tail.length) {
        return -1;
      }
      int n = (int) Math.min(len, tail.length - i);
      System.arraycopy(tail, (int) i, b, off, n);
      pos += n;
      return n;
    }
    int n = (int) Math.min(len, tailOffset - pos);
    file.seek(pos);
    int r = file.read(b, off, n);
    if (r > 0) {
      pos += r;
    }
    return r;
  }

  @Override
  public void readFully(byte[] bytes) throws IOException {
    readFully(bytes, 0, bytes.length);
  }

  @Override
  public void readFully(byte[] bytes, int start, int len) throws IOException {
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
  public int read(ByteBuffer buf) throws IOException {
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
  public void readFully(ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      if (read(buf) < 0) {
        throw new EOFException(
            "file ends at " + pos + " with " + buf.remaining() + " bytes unread");
      }
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
