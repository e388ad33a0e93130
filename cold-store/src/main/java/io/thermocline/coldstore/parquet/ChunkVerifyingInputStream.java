package io.thermocline.coldstore.parquet;

import java.io.IOException;
import java.util.zip.CRC32C;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input stream that hands out no byte of a column chunk before the whole chunk matched
 * its CRC32C from {@link ChunkChecksums}. A read that covers a chunk from its first to its last
 * byte (parquet reads whole chunks, several consecutive ones at a time, when no page is skipped) is
 * checked in the caller's buffer as it passes: no extra I/O. Any other read touching a chunk (a
 * dictionary page for pruning, the pages the column index kept, the rest of a chunk split across
 * parquet's 8 MB buffers) loads the whole chunk once, checks it and serves the chunk from that
 * copy, so skipped pages cost I/O but never go unverified. Bytes outside every chunk (the magic,
 * the verified tail) pass through. One reader thread.
 */
final class ChunkVerifyingInputStream extends PositionedInputStream {
  private final SeekableInputStream in;
  private final ChunkChecksums sums;
  private final CRC32C crc = new CRC32C();
  private int cachedChunk = -1;
  private byte[] cache = new byte[0];

  ChunkVerifyingInputStream(SeekableInputStream in, ChunkChecksums sums) {
    this.in = in;
    this.sums = sums;
  }

  @Override
  protected int readAt(long pos, byte[] b, int off, int len) throws IOException {
    int k = sums.chunkAt(pos);
    if (k < 0) {
      int next = sums.chunkAfter(pos);
      int n = next < 0 ? len : (int) Math.min(len, sums.start(next) - pos);
      in.seek(pos);
      return in.read(b, off, n);
    }
    if (k != cachedChunk && pos == sums.start(k) && len >= sums.end(k) - sums.start(k)) {
      int n = (int) (sums.end(k) - sums.start(k));
      in.seek(pos);
      in.readFully(b, off, n);
      check(k, b, off, n);
      return n;
    }
    if (k != cachedChunk) {
      load(k);
    }
    int at = (int) (pos - sums.start(k));
    int n = (int) Math.min(len, sums.end(k) - pos);
    System.arraycopy(cache, at, b, off, n);
    return n;
  }

  private void load(int k) throws IOException {
    cachedChunk = -1;
    int n = Math.toIntExact(sums.end(k) - sums.start(k));
    if (cache.length < n) {
      cache = new byte[n];
    }
    in.seek(sums.start(k));
    in.readFully(cache, 0, n);
    check(k, cache, 0, n);
    cachedChunk = k;
  }

  private void check(int k, byte[] b, int off, int n) {
    crc.reset();
    crc.update(b, off, n);
    if ((int) crc.getValue() != sums.crc(k)) {
      throw sums.mismatch(k);
    }
  }

  @Override
  public void close() throws IOException {
    cache = new byte[0];
    in.close();
  }
}
