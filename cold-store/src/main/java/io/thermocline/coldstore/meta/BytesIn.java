package io.thermocline.coldstore.meta;

import io.thermocline.common.error.CorruptFileException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the layouts {@link BytesOut} writes. Every read is bounds-checked: a truncated or garbled
 * value becomes a {@link CorruptFileException} naming where it came from ({@code source}) and the
 * offset inside the value, never an index error or a wrong value. Single-threaded.
 */
public final class BytesIn {
  private final byte[] buf;
  private final String source;
  private int pos;

  public BytesIn(byte[] buf, String source) {
    this.buf = buf;
    this.source = source;
  }

  public String source() {
    return source;
  }

  public int position() {
    return pos;
  }

  public boolean hasRemaining() {
    return pos < buf.length;
  }

  private void need(int n) {
    if (n < 0 || pos + n > buf.length) {
      throw corrupt("value ends after " + buf.length + " bytes, wanted " + n + " more");
    }
  }

  public CorruptFileException corrupt(String problem) {
    return new CorruptFileException(source, pos, problem);
  }

  public int getByte() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  public int getInt() {
    need(4);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  public long getLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  public long getVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = getByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw corrupt("varint longer than 10 bytes");
  }

  /** A varint that must fit a non-negative int (a count or a length). */
  public int getVarInt() {
    long v = getVarLong();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw corrupt("count " + v + " out of range");
    }
    return (int) v;
  }

  public long getSignedVarLong() {
    long v = getVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  public double getDouble() {
    return Double.longBitsToDouble(getLong());
  }

  public String getString() {
    int len = getVarInt();
    need(len);
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  /** Fails unless every byte was consumed: trailing garbage is corruption too. */
  public void expectEnd() {
    if (pos != buf.length) {
      throw corrupt((buf.length - pos) + " unexpected trailing bytes");
    }
  }
}
