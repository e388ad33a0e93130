package io.thermocline.timeseries.block;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.timeseries.bits.BitWriter;
import io.thermocline.timeseries.codec.Codec;
import io.thermocline.timeseries.codec.CodecId;
import io.thermocline.timeseries.codec.DoubleCodecChooser;
import io.thermocline.timeseries.codec.LongCodecChooser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Serializes {@link SeriesBlock}s in the format of {@link SeriesBlockFormat}, choosing per column
 * the codec that gives the fewest bytes; header and checksum footer come from common's {@code
 * FileFormat}.
 *
 * <p>Single-threaded: it reuses choosers and buffers across blocks. Use one writer per thread.
 */
public final class SeriesBlockWriter {
  private final LongCodecChooser longChooser;
  private final DoubleCodecChooser doubleChooser;
  private final BitWriter bits = new BitWriter();
  private final BitWriter bitmapScratch = new BitWriter();
  private final GrowableBytes out = new GrowableBytes();
  private final List<CodecId> lastCodecs = new ArrayList<>();

  public SeriesBlockWriter() {
    this(new LongCodecChooser(), new DoubleCodecChooser());
  }

  /** A writer whose choosers try only the given candidates (benchmarks, tests). */
  public SeriesBlockWriter(LongCodecChooser longChooser, DoubleCodecChooser doubleChooser) {
    this.longChooser = longChooser;
    this.doubleChooser = doubleChooser;
  }

  /** The block's bytes: header, body, checksum footer. */
  public byte[] write(SeriesBlock block) {
    out.reset();
    lastCodecs.clear();
    out.u16(block.isEquidistant() ? 0 : SeriesBlockFormat.FLAG_IRREGULAR);
    out.u32(block.seriesKey().length);
    out.bytes(block.seriesKey());
    out.i64(block.start());
    out.i64(block.increment());
    out.u32(block.count());
    BitmapEncoding.write(block.missing(), block.count(), out, longChooser, bitmapScratch);
    if (!block.isEquidistant()) {
      bits.reset();
      writeCodec(longChooser.encode(block.timestamps(), 0, block.rows(), bits));
    }
    out.u16(block.columns().size());
    for (SeriesColumn column : block.columns()) {
      writeColumn(column);
    }
    try {
      return SeriesBlockFormat.FORMAT.encode(o -> o.writeBytes(out.array(), 0, out.size()));
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.INTERNAL, "series block encoding failed in memory", e);
    }
  }

  /**
   * The codecs the last {@link #write} chose: the timestamp codec first for irregular blocks, then
   * one per column.
   */
  public List<CodecId> lastCodecs() {
    return Collections.unmodifiableList(lastCodecs);
  }

  private void writeColumn(SeriesColumn column) {
    int rows = column.rows();
    long[] nulls = column.nulls();
    int nullCount = nulls == null ? 0 : NullBitmap.cardinality(nulls, rows);
    out.u8(column.isDouble() ? SeriesBlockFormat.TYPE_DOUBLE : SeriesBlockFormat.TYPE_LONG);
    BitmapEncoding.write(nulls, rows, out, longChooser, bitmapScratch);
    int nonNull = rows - nullCount;
    bits.reset();
    if (column.isDouble()) {
      double[] values = column.doubles();
      if (nullCount > 0) {
        double[] compact = new double[nonNull];
        for (int r = 0, k = 0; r < rows; r++) {
          if (!NullBitmap.get(nulls, r)) {
            compact[k++] = values[r];
          }
        }
        values = compact;
      }
      writeCodec(doubleChooser.encode(values, 0, nonNull, bits));
    } else {
      long[] values = column.longs();
      if (nullCount > 0) {
        long[] compact = new long[nonNull];
        for (int r = 0, k = 0; r < rows; r++) {
          if (!NullBitmap.get(nulls, r)) {
            compact[k++] = values[r];
          }
        }
        values = compact;
      }
      writeCodec(longChooser.encode(values, 0, nonNull, bits));
    }
  }

  private void writeCodec(Codec codec) {
    lastCodecs.add(codec.id());
    out.u8(codec.id().id());
    out.lengthPrefixed(bits);
  }
}
