package io.thermocline.hotstore.series;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import io.thermocline.hotstore.bits.WorkerPool;
import io.thermocline.hotstore.delta.DeltaChunk;
import io.thermocline.hotstore.delta.DeltaDictionary;
import io.thermocline.timeseries.block.SeriesBlock;
import io.thermocline.timeseries.block.SeriesBlockFormat;
import io.thermocline.timeseries.block.SeriesBlockWriter;
import io.thermocline.timeseries.block.SeriesColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Encodes sorted rows into {@link SeriesChunk}s: chunks of {@link DeltaChunk#ROWS} rows, cut into
 * runs of one series key; per run the period becomes an equidistant block (start, increment, count,
 * missing bitmap: no timestamp stored) when its values sit on one grid, delta-of-delta timestamps
 * otherwise; every other non-key column becomes a one-column block whose codec the timeseries
 * choosers pick by size (Gorilla/Chimp/ALP for doubles, FOR/delta/RLE/Huffman for longs, VARCHAR as
 * dictionary ids). One encoder per thread: {@link #encode} hands chunk ranges to fresh encoders
 * (chunks are independent), each with its own writer and scratch.
 */
final class SeriesEncoder {
  private static final byte[] NO_KEY = new byte[0];

  /** A grid may cover at most this many positions per row, or the missing bitmap costs too much. */
  private static final int MAX_POSITIONS_PER_ROW = 64;

  private final String partition;
  private final Schema schema;
  private final SeriesLayout layout;
  private final CollectedRows rows;
  private final int[][] stringIds;
  private final DeltaDictionary[] dictionaries;
  private final SeriesBlockWriter writer = new SeriesBlockWriter();
  private final long[] longScratch = new long[DeltaChunk.ROWS];
  private final double[] doubleScratch = new double[DeltaChunk.ROWS];
  private final long[] nullScratch = new long[DeltaChunk.ROWS / 64];

  SeriesEncoder(
      String partition,
      Schema schema,
      SeriesLayout layout,
      CollectedRows rows,
      int[][] stringIds,
      DeltaDictionary[] dictionaries) {
    this.partition = partition;
    this.schema = schema;
    this.layout = layout;
    this.rows = rows;
    this.stringIds = stringIds;
    this.dictionaries = dictionaries;
  }

  /** Encodes the rows in {@code order} on up to {@code parallelism} threads. */
  SeriesMain encode(int[] order, int parallelism) {
    int n = order.length;
    int chunkCount = (n + DeltaChunk.ROWS - 1) / DeltaChunk.ROWS;
    SeriesChunk[] chunks = new SeriesChunk[chunkCount];
    int parts = Math.max(1, Math.min(parallelism, chunkCount));
    List<Callable<Void>> tasks = new ArrayList<>(parts);
    for (int t = 0; t < parts; t++) {
      int first = t;
      SeriesEncoder worker =
          t == 0
              ? this
              : new SeriesEncoder(partition, schema, layout, rows, stringIds, dictionaries);
      tasks.add(
          () -> {
            for (int i = first; i < chunkCount; i += parts) {
              int from = i * DeltaChunk.ROWS;
              chunks[i] = worker.chunk(order, from, Math.min(n, from + DeltaChunk.ROWS));
            }
            return null;
          });
    }
    WorkerPool.runAll(tasks);
    return new SeriesMain(partition, schema, layout, n, chunks, dictionaries);
  }

  private SeriesChunk chunk(int[] order, int from, int to) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = from + 1; i < to; i++) {
      if (!sameKey(order[i - 1], order[i])) {
        starts.add(i - from);
      }
    }
    int runs = starts.size();
    int[] runStarts = new int[runs + 1];
    for (int r = 0; r < runs; r++) {
      runStarts[r] = starts.get(r);
    }
    runStarts[runs] = to - from;
    int keys = layout.keyCount();
    long[][] keyValues = new long[keys][runs];
    long[][] keyNulls = new long[keys][];
    byte[] modes = new byte[runs];
    byte[][][] blocks = new byte[schema.size()][][];
    for (int c = 0; c < schema.size(); c++) {
      if (layout.keySlot(c) < 0) {
        blocks[c] = new byte[runs][];
      }
    }
    for (int r = 0; r < runs; r++) {
      int a = from + runStarts[r];
      int b = from + runStarts[r + 1];
      int first = order[a];
      for (int s = 0; s < keys; s++) {
        int c = layout.keyColumn(s);
        if (rows.isNull(c, first)) {
          if (keyNulls[s] == null) {
            keyNulls[s] = NullBitmap.allocate(runs);
          }
          NullBitmap.set(keyNulls[s], r);
        } else {
          keyValues[s][r] = keyValue(c, first);
        }
      }
      modes[r] = encodePeriod(order, a, b, blocks[layout.periodColumn()], r);
      for (int c = 0; c < schema.size(); c++) {
        if (layout.keySlot(c) < 0 && c != layout.periodColumn()) {
          blocks[c][r] = valueBlock(c, order, a, b);
        }
      }
    }
    long[] lows = new long[schema.size()];
    long[] highs = new long[schema.size()];
    bounds(order, from, to, lows, highs);
    return new SeriesChunk(to - from, runStarts, keyValues, keyNulls, modes, blocks, lows, highs);
  }

  private void bounds(int[] order, int from, int to, long[] lows, long[] highs) {
    for (int c = 0; c < schema.size(); c++) {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      if (rows.storage[c] == StorageClass.LONG) {
        long[] v = rows.longs[c];
        for (int i = from; i < to; i++) {
          int row = order[i];
          if (!rows.isNull(c, row)) {
            lo = Math.min(lo, v[row]);
            hi = Math.max(hi, v[row]);
          }
        }
      }
      lows[c] = lo;
      highs[c] = hi;
    }
  }

  private boolean sameKey(int x, int y) {
    for (int s = 0; s < layout.keyCount(); s++) {
      int c = layout.keyColumn(s);
      boolean nx = rows.isNull(c, x);
      if (nx != rows.isNull(c, y)) {
        return false;
      }
      if (!nx && keyValue(c, x) != keyValue(c, y)) {
        return false;
      }
    }
    return true;
  }

  private long keyValue(int c, int row) {
    return switch (rows.storage[c]) {
      case LONG -> rows.longs[c][row];
      case DOUBLE -> Double.doubleToRawLongBits(rows.doubles[c][row]);
      case STRING -> stringIds[c][row];
    };
  }

  /** Writes run {@code r}'s period block into {@code out[r]}; returns how it is stored. */
  private byte encodePeriod(int[] order, int a, int b, byte[][] out, int r) {
    int p = layout.periodColumn();
    int n = b - a;
    long[] ts = longScratch;
    for (int i = 0; i < n; i++) {
      int row = order[a + i];
      if (rows.isNull(p, row)) {
        out[r] = valueBlock(p, order, a, b);
        return SeriesChunk.COLUMN;
      }
      ts[i] = rows.longs[p][row];
    }
    long step = grid(ts, n);
    if (step > 0) {
      long span = (ts[n - 1] - ts[0]) / step + 1;
      int count = (int) span;
      long[] missing = null;
      if (count != n) {
        missing = NullBitmap.allocate(count);
        Arrays.fill(missing, -1L);
        for (int i = 0; i < n; i++) {
          NullBitmap.clear(missing, (int) ((ts[i] - ts[0]) / step));
        }
      }
      out[r] =
          writer.write(SeriesBlock.equidistant(NO_KEY, ts[0], step, count, missing, List.of()));
      return SeriesChunk.EQUIDISTANT;
    }
    out[r] = writer.write(SeriesBlock.irregular(NO_KEY, ts, n, List.of()));
    return SeriesChunk.IRREGULAR;
  }

  /**
   * The grid step the run's strictly increasing periods sit on (the layout's increment, or for a
   * series without one the run's constant step), or 0 when they do not fit a grid cheaply.
   */
  private long grid(long[] ts, int n) {
    long step = layout.increment();
    if (step == 0) {
      if (n < 2) {
        return 1;
      }
      step = ts[1] - ts[0];
      if (step <= 0) {
        return 0;
      }
      for (int i = 2; i < n; i++) {
        if (ts[i] - ts[i - 1] != step) {
          return 0;
        }
      }
    } else {
      for (int i = 1; i < n; i++) {
        long d = ts[i] - ts[i - 1];
        if (d <= 0 || d % step != 0) {
          return 0;
        }
      }
    }
    // Every step fits in a long, but first to last may not (BIGINT periods near both ends).
    long span;
    try {
      span = Math.subtractExact(ts[n - 1], ts[0]) / step + 1;
    } catch (ArithmeticException e) {
      return 0;
    }
    boolean cheap = span <= (long) n * MAX_POSITIONS_PER_ROW && span <= SeriesBlockFormat.MAX_COUNT;
    return cheap ? step : 0;
  }

  private byte[] valueBlock(int c, int[] order, int a, int b) {
    int n = b - a;
    long[] nulls = null;
    if (rows.nulls[c] != null) {
      Arrays.fill(nullScratch, 0L);
      for (int i = 0; i < n; i++) {
        if (rows.isNull(c, order[a + i])) {
          NullBitmap.set(nullScratch, i);
          nulls = nullScratch;
        }
      }
    }
    SeriesColumn col;
    if (rows.storage[c] == StorageClass.DOUBLE) {
      double[] in = rows.doubles[c];
      for (int i = 0; i < n; i++) {
        doubleScratch[i] = in[order[a + i]];
      }
      col = SeriesColumn.ofDoubles(doubleScratch, n, nulls);
    } else {
      if (rows.storage[c] == StorageClass.LONG) {
        long[] in = rows.longs[c];
        for (int i = 0; i < n; i++) {
          longScratch[i] = in[order[a + i]];
        }
      } else {
        int[] in = stringIds[c];
        for (int i = 0; i < n; i++) {
          longScratch[i] = in[order[a + i]];
        }
      }
      col = SeriesColumn.ofLongs(longScratch, n, nulls);
    }
    return writer.write(SeriesBlock.equidistant(NO_KEY, 0, 1, n, null, List.of(col)));
  }
}
