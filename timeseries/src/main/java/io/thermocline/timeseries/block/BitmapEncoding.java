package io.thermocline.timeseries.block;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitStreamException;
import io.thermocline.timeseries.bits.BitWriter;
import io.thermocline.timeseries.codec.CodecId;
import io.thermocline.timeseries.codec.Codecs;
import io.thermocline.timeseries.codec.LongCodec;
import io.thermocline.timeseries.codec.LongCodecChooser;

/**
 * Writes and reads a bitmap (missing elements, NULLs) in the smaller of two forms: the raw bits, or
 * the lengths of its alternating clear/set runs through the long codec chooser. A bitmap with no
 * bit set costs five bytes. Stateless apart from the scratch objects the writer passes in.
 */
final class BitmapEncoding {
  private BitmapEncoding() {}

  static void write(
      long[] bitmap, int bits, GrowableBytes out, LongCodecChooser chooser, BitWriter scratch) {
    if (bitmap == null || NullBitmap.cardinality(bitmap, bits) == 0) {
      out.u8(SeriesBlockFormat.BITMAP_NONE);
      out.u32(0);
      return;
    }
    long[] runs = new long[bits + 1];
    int runCount = 0;
    boolean current = false;
    int runStart = 0;
    for (int i = 0; i <= bits; i++) {
      if (i == bits || NullBitmap.get(bitmap, i) != current) {
        runs[runCount++] = i - runStart;
        runStart = i;
        current = !current;
      }
    }
    scratch.reset();
    LongCodec codec = chooser.encode(runs, 0, runCount, scratch);
    int rawBytes = (bits + 7) >>> 3;
    if (scratch.byteLength() + 5 < rawBytes) {
      out.u8(SeriesBlockFormat.BITMAP_RUNS);
      out.u32(scratch.byteLength() + 5);
      out.u32(runCount);
      out.u8(codec.id().id());
      out.bits(scratch);
      return;
    }
    scratch.reset();
    int full = bits >>> 6;
    for (int w = 0; w < full; w++) {
      scratch.writeBits(Long.reverse(bitmap[w]), 64);
    }
    int rest = bits & 63;
    if (rest != 0) {
      scratch.writeBits(Long.reverse(bitmap[full]) >>> (64 - rest), rest);
    }
    out.u8(SeriesBlockFormat.BITMAP_RAW);
    out.lengthPrefixed(scratch);
  }

  /** Reads a bitmap of {@code bits} bits; null when no bit is set. */
  static long[] read(BlockCursor in, int bits, String what) {
    int kindAt = in.position();
    int kind = in.u8();
    int length = in.u32Bounded(Integer.MAX_VALUE, what + " length");
    if (kind == SeriesBlockFormat.BITMAP_NONE) {
      if (length != 0) {
        throw in.corruptAt(kindAt, what + " marked empty has " + length + " bytes");
      }
      return null;
    }
    long[] bitmap = NullBitmap.allocate(bits);
    if (kind == SeriesBlockFormat.BITMAP_RAW) {
      if (length != (bits + 7) >>> 3) {
        throw in.corruptAt(kindAt, what + " of " + length + " bytes for " + bits + " bits");
      }
      int payloadAt = in.position();
      in.skip(length);
      BitReader r = new BitReader(in.buffer(), payloadAt, length);
      for (int i = 0; i < bits; i++) {
        if (r.readBit()) {
          NullBitmap.set(bitmap, i);
        }
      }
      return bitmap;
    }
    if (kind != SeriesBlockFormat.BITMAP_RUNS || length < 5) {
      throw in.corruptAt(kindAt, what + " has unknown encoding " + kind);
    }
    int runCount = in.u32();
    if (runCount < 1 || runCount > bits + 1) {
      throw in.corruptAt(kindAt, what + " has " + runCount + " runs for " + bits + " bits");
    }
    CodecId id = CodecId.byId(in.u8());
    if (id == null || id.forDoubles()) {
      throw in.corruptAt(kindAt, what + " runs use an unknown codec");
    }
    int payloadAt = in.position();
    in.skip(length - 5);
    long[] runs = new long[runCount];
    try {
      Codecs.longCodec(id)
          .decode(new BitReader(in.buffer(), payloadAt, length - 5), runCount, runs, 0);
    } catch (BitStreamException e) {
      throw in.corruptAt(payloadAt, what + ": " + e.getMessage(), e);
    }
    long at = 0;
    for (int r = 0; r < runCount; r++) {
      long len = runs[r];
      if (len < 0 || len > bits - at) {
        throw in.corruptAt(payloadAt, what + " runs cover more than " + bits + " bits");
      }
      if ((r & 1) == 1) {
        for (long i = at; i < at + len; i++) {
          NullBitmap.set(bitmap, (int) i);
        }
      }
      at += len;
    }
    if (at != bits) {
      throw in.corruptAt(payloadAt, what + " runs cover " + at + " of " + bits + " bits");
    }
    return bitmap;
  }
}
