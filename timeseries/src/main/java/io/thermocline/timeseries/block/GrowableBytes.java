package io.thermocline.timeseries.block;

import io.thermocline.timeseries.bits.BitWriter;
import java.util.Arrays;

/** A growable big-endian byte buffer the block writer fills. Single-threaded. */
final class GrowableBytes {
  private byte[] buf = new byte[256];
  private int size;

  int size() {
    return size;
  }

  void reset() {
    size = 0;
  }

  void u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  void u16(int v) {
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  void u32(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  void i64(long v) {
    u32((int) (v >>> 32));
    u32((int) v);
  }

  void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  /** Writes the byte length of {@code bits} as u32, then its bytes. */
  void lengthPrefixed(BitWriter bits) {
    u32(bits.byteLength());
    bits(bits);
  }

  /** Writes the bytes of {@code bits}, no length. */
  void bits(BitWriter bits) {
    int n = bits.byteLength();
    ensure(n);
    bits.copyTo(buf, size);
    size += n;
  }

  byte[] array() {
    return buf;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
    }
  }
}
