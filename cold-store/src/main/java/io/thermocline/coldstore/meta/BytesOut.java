package io.thermocline.coldstore.meta;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for the compact binary layouts of the RocksDB keys and values: fixed-width
 * big-endian integers (so that keys sort numerically), unsigned LEB128 varints, zig-zag varints for
 * signed values, raw IEEE doubles and length-prefixed UTF-8 strings. Single-threaded.
 */
public final class BytesOut {
  private byte[] buf;
  private int size;

  public BytesOut(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  public BytesOut putByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  public BytesOut putBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  /** Big-endian, fixed 4 bytes. */
  public BytesOut putInt(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  /** Big-endian, fixed 8 bytes. */
  public BytesOut putLong(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Unsigned LEB128; for non-negative values (counts, lengths, sizes). */
  public BytesOut putVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
    return this;
  }

  /** Zig-zag then LEB128, so small negative values stay short. */
  public BytesOut putSignedVarLong(long v) {
    return putVarLong((v << 1) ^ (v >> 63));
  }

  public BytesOut putDouble(double v) {
    return putLong(Double.doubleToRawLongBits(v));
  }

  public BytesOut putString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putVarLong(b.length);
    return putBytes(b);
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
