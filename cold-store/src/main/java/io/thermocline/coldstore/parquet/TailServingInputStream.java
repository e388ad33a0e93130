package io.thermocline.coldstore.parquet;

import java.io.IOException;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input stream that serves the file's tail (page indexes and footer) from bytes already
 * read and verified against the manifest's CRC, and everything before it from the file. So the
 * column and offset indexes that drive page pruning are exactly the verified ones, and each scan
 * reads the tail once. One reader thread.
 */
final class TailServingInputStream extends PositionedInputStream {
  private final SeekableInputStream file;
  private final byte[] tail;
  private final long tailOffset;

  TailServingInputStream(SeekableInputStream file, byte[] tail, long tailOffset) {
    this.file = file;
    this.tail = tail;
    this.tailOffset = tailOffset;
  }

  @Override
  protected int readAt(long pos, byte[] b, int off, int len) throws IOException {
    if (pos >= tailOffset) {
      long i = pos - tailOffset;
      if (i >= tail.length) {
        return -1;
      }
      int n = (int) Math.min(len, tail.length - i);
      System.arraycopy(tail, (int) i, b, off, n);
      return n;
    }
    int n = (int) Math.min(len, tailOffset - pos);
    file.seek(pos);
    return file.read(b, off, n);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
