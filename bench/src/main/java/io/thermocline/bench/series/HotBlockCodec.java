package io.thermocline.bench.series;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.timeseries.block.SeriesBlock;
import io.thermocline.timeseries.block.SeriesBlockReader;
import io.thermocline.timeseries.block.SeriesBlockWriter;
import io.thermocline.timeseries.block.SeriesColumn;
import io.thermocline.timeseries.codec.CodecId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Thermocline's hot tier as the bench sees it: a series cut into {@link SeriesBlock}s of a fixed
 * number of grid positions (equidistant: the grid costs a start and an increment per block) or of
 * rows (irregular: every timestamp stored, for the comparison with formats that always store them),
 * each block serialized whole, header and checksum footer included.
 *
 * <p>Single-threaded: holds one {@link SeriesBlockWriter}.
 */
final class HotBlockCodec {
  private final int blockPoints;
  private final SeriesBlockWriter writer = new SeriesBlockWriter();

  HotBlockCodec(int blockPoints) {
    this.blockPoints = blockPoints;
  }

  /** The series as blocks ready to write; built once so that timing covers encoding only. */
  List<SeriesBlock> cut(BenchSeries s, boolean equidistant) {
    byte[] key = s.label().getBytes(StandardCharsets.UTF_8);
    List<SeriesBlock> blocks = new ArrayList<>();
    if (!equidistant) {
      for (int from = 0; from < s.points(); from += blockPoints) {
        int rows = Math.min(blockPoints, s.points() - from);
        long[] ts = slice(s.timestamps(), from, rows);
        blocks.add(SeriesBlock.irregular(key, ts, rows, List.of(column(s, from, rows))));
      }
      return blocks;
    }
    int row = 0;
    for (int first = 0; first < s.gridCount(); first += blockPoints) {
      int count = Math.min(blockPoints, s.gridCount() - first);
      long[] missing = null;
      int rows = count;
      if (s.missing() != null) {
        missing = NullBitmap.allocate(count);
        for (int i = 0; i < count; i++) {
          if (NullBitmap.get(s.missing(), first + i)) {
            NullBitmap.set(missing, i);
          }
        }
        rows = count - NullBitmap.cardinality(missing, count);
        if (rows == count) {
          missing = null;
        }
      }
      long start = s.start() + first * s.increment();
      blocks.add(
          SeriesBlock.equidistant(
              key, start, s.increment(), count, missing, List.of(column(s, row, rows))));
      row += rows;
    }
    return blocks;
  }

  /** Serializes every block; {@code codecs} (may be null) counts the codecs the writer chose. */
  byte[][] encode(List<SeriesBlock> blocks, Map<CodecId, Integer> codecs) {
    byte[][] out = new byte[blocks.size()][];
    for (int b = 0; b < out.length; b++) {
      out[b] = writer.write(blocks.get(b));
      if (codecs != null) {
        for (CodecId id : writer.lastCodecs()) {
          codecs.merge(id, 1, Integer::sum);
        }
      }
    }
    return out;
  }

  /**
   * Parses every block (checksum checked) into {@code timestamps} and {@code values}, as a reader
   * that hands out (time, value) pairs must; returns the rows read.
   */
  static int decode(byte[][] blocks, long[] timestamps, double[] values) {
    int row = 0;
    for (int b = 0; b < blocks.length; b++) {
      SeriesBlock block = SeriesBlockReader.read(blocks[b], "bench block " + b);
      int rows = block.rows();
      System.arraycopy(block.timestamps(), 0, timestamps, row, rows);
      System.arraycopy(block.columns().get(0).doubles(), 0, values, row, rows);
      row += rows;
    }
    return row;
  }

  /** Decodes and compares bit for bit with the input; throws naming the first difference. */
  static void verify(BenchSeries s, byte[][] blocks, String what) {
    long[] ts = new long[s.points()];
    double[] values = new double[s.points()];
    int rows = decode(blocks, ts, values);
    SeriesCheck.same(s, rows, ts, values, what);
  }

  static long bytes(byte[][] blocks) {
    long total = 0;
    for (byte[] b : blocks) {
      total += b.length;
    }
    return total;
  }

  /** {@code ALP x2, GORILLA x1}: the codecs a run chose, for the report. */
  static String describe(Map<CodecId, Integer> codecs) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<CodecId, Integer> e : new TreeMap<>(codecs).entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append(" x").append(e.getValue());
    }
    return sb.toString();
  }

  private static SeriesColumn column(BenchSeries s, int from, int rows) {
    if (from + rows > s.points()) {
      throw new ThermoException(
          ErrorCode.INTERNAL, s.label() + ": grid and points disagree at row " + from);
    }
    double[] values = new double[rows];
    System.arraycopy(s.values(), from, values, 0, rows);
    return SeriesColumn.ofDoubles(values, rows, null);
  }

  private static long[] slice(long[] a, int from, int n) {
    long[] out = new long[n];
    System.arraycopy(a, from, out, 0, n);
    return out;
  }
}
