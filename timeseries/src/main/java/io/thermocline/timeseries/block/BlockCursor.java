package io.thermocline.timeseries.block;

import io.thermocline.common.error.CorruptFileException;

/**
 * Reads big-endian fields from one block's bytes, checking every bound, and turns every problem
 * into a {@link CorruptFileException} naming the block and the offset in it. Single-threaded.
 */
final class BlockCursor {
  private final byte[] buf;
  private final int end;
  private final String blockName;
  private int pos;

  /** Reads {@code block[start, end)}; offsets in errors are offsets into {@code block}. */
  BlockCursor(byte[] block, int start, int end, String blockName) {
    this.buf = block;
    this.end = end;
    this.blockName = blockName;
    this.pos = start;
  }

  byte[] buffer() {
    return buf;
  }

  /** Offset in the block of the next byte. */
  int position() {
    return pos;
  }

  int u8() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  int u16() {
    need(2);
    int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  int u32() {
    need(4);
    int v =
        ((buf[pos] & 0xFF) << 24)
            | ((buf[pos + 1] & 0xFF) << 16)
            | ((buf[pos + 2] & 0xFF) << 8)
            | (buf[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  /** A u32 that must lie in {@code [0, max]}; {@code what} names it in the error. */
  int u32Bounded(int max, String what) {
    int at = pos;
    int v = u32();
    if (v < 0 || v > max) {
      throw corruptAt(at, what + " " + Integer.toUnsignedString(v) + " exceeds " + max);
    }
    return v;
  }

  long i64() {
    return ((long) u32() << 32) | (u32() & 0xFFFFFFFFL);
  }

  byte[] bytes(int n) {
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** Skips {@code n} bytes that the caller reads in place. */
  void skip(int n) {
    need(n);
    pos += n;
  }

  boolean atEnd() {
    return pos == end;
  }

  CorruptFileException corrupt(String problem) {
    return corruptAt(pos, problem);
  }

  CorruptFileException corruptAt(int absolutePosition, String problem) {
    return new CorruptFileException(blockName, absolutePosition, problem);
  }

  CorruptFileException corruptAt(int absolutePosition, String problem, Throwable cause) {
    return new CorruptFileException(blockName, absolutePosition, problem, cause);
  }

  private void need(int n) {
    if (n < 0 || end - pos < n) {
      throw corrupt("field of " + n + " bytes runs past the end of the block");
    }
  }
}
