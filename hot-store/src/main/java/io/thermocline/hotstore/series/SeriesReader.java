package io.thermocline.hotstore.series;

import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import io.thermocline.hotstore.delta.ChunkedRows;
import io.thermocline.hotstore.delta.DeltaChunk;
import io.thermocline.hotstore.delta.DeltaDictionary;
import io.thermocline.hotstore.mvcc.MainVersions;
import io.thermocline.timeseries.block.SeriesBlock;
import io.thermocline.timeseries.block.SeriesBlockReader;
import io.thermocline.timeseries.block.SeriesColumn;
import java.util.Arrays;

/**
 * Decodes a {@link SeriesMain} chunk by chunk into one scratch {@link DeltaChunk}, column by column
 * as scans, filters and aggregates ask, so the delta code paths read it unchanged; a projection
 * decodes only its columns. Allocation is per block (the decoded block's arrays), never per row.
 *
 * <p>Single-threaded: one per reader and segment.
 */
final class SeriesReader implements ChunkedRows {
  private final SeriesMain main;
  private final MainVersions versions;
  private final DeltaChunk scratch;
  private final long[][] nullScratch;
  private final boolean[] ready;
  private final StorageClass[] storage;
  private final long[] visibilityScratch = new long[DeltaChunk.ROWS];
  private int loadedChunk = -1;

  SeriesReader(SeriesMain main, MainVersions versions) {
    this.main = main;
    this.versions = versions;
    Schema schema = main.schema();
    this.scratch = DeltaChunk.scratch(schema);
    this.nullScratch = new long[schema.size()][];
    this.ready = new boolean[schema.size()];
    this.storage = new StorageClass[schema.size()];
    for (int c = 0; c < storage.length; c++) {
      storage[c] = schema.column(c).type().storage();
    }
  }

  MainVersions versions() {
    return versions;
  }

  @Override
  public Schema schema() {
    return main.schema();
  }

  @Override
  public DeltaChunk chunk(int index, int column) {
    if (index != loadedChunk) {
      Arrays.fill(ready, false);
      loadedChunk = index;
    }
    if (!ready[column]) {
      decode(main.chunk(index), index, column);
      ready[column] = true;
    }
    return scratch;
  }

  @Override
  public DeltaDictionary dictionary(int column) {
    return main.dictionary(column);
  }

  @Override
  public Object value(int column, int row) {
    DeltaChunk c = chunk(row / DeltaChunk.ROWS, column);
    int off = row % DeltaChunk.ROWS;
    long[] nulls = c.nulls(column);
    if (nulls != null && NullBitmap.get(nulls, off)) {
      return null;
    }
    return switch (storage[column]) {
      case LONG -> c.longs(column)[off];
      case DOUBLE -> c.doubles(column)[off];
      case STRING -> main.dictionary(column).get(c.ids(column)[off]);
    };
  }

  @Override
  public boolean mayHold(int index, int column, long lo, long hi) {
    return storage[column] != StorageClass.LONG || main.chunk(index).mayHold(column, lo, hi);
  }

  @Override
  public boolean visibility(int start, int n, long snapshot, long[] mask) {
    return versions.visibility(start, n, snapshot, mask, visibilityScratch);
  }

  private long[] nulls(int column) {
    long[] b = nullScratch[column];
    if (b == null) {
      b = new long[DeltaChunk.ROWS / 64];
      nullScratch[column] = b;
    } else {
      Arrays.fill(b, 0L);
    }
    return b;
  }

  private void decode(SeriesChunk ch, int index, int column) {
    long[] nulls = nulls(column);
    boolean anyNull = false;
    int slot = main.layout().keySlot(column);
    boolean period = column == main.layout().periodColumn();
    for (int r = 0; r < ch.runs(); r++) {
      int from = ch.runStarts[r];
      int to = ch.runStarts[r + 1];
      if (slot >= 0) {
        long[] kn = ch.keyNulls[slot];
        if (kn != null && NullBitmap.get(kn, r)) {
          setNulls(nulls, from, to);
          anyNull = true;
        } else {
          fillKey(column, from, to, ch.keys[slot][r]);
        }
        continue;
      }
      SeriesBlock block = SeriesBlockReader.read(ch.blocks[column][r], blockName(index, r, column));
      if (period && ch.periodModes[r] != SeriesChunk.COLUMN) {
        copyPeriod(block, column, from);
      } else {
        anyNull |= copyColumn(block.columns().get(0), column, from, to, nulls);
      }
    }
    scratch.setNulls(column, anyNull ? nulls : null);
  }

  private String blockName(int chunk, int run, int column) {
    return "hot partition "
        + main.partition()
        + " series chunk "
        + chunk
        + " run "
        + run
        + " column "
        + main.schema().column(column).name();
  }

  private static void setNulls(long[] nulls, int from, int to) {
    for (int i = from; i < to; i++) {
      nulls[i >>> 6] |= 1L << i;
    }
  }

  private void fillKey(int column, int from, int to, long v) {
    switch (storage[column]) {
      case LONG -> Arrays.fill(scratch.longs(column), from, to, v);
      case DOUBLE -> Arrays.fill(scratch.doubles(column), from, to, Double.longBitsToDouble(v));
      case STRING -> Arrays.fill(scratch.ids(column), from, to, (int) v);
    }
  }

  private void copyPeriod(SeriesBlock block, int column, int from) {
    long[] out = scratch.longs(column);
    if (!block.isEquidistant()) {
      System.arraycopy(block.timestamps(), 0, out, from, block.rows());
      return;
    }
    long t = block.start();
    long inc = block.increment();
    int o = from;
    for (int i = 0; i < block.count(); i++, t += inc) {
      if (!block.isMissing(i)) {
        out[o++] = t;
      }
    }
  }

  private boolean copyColumn(SeriesColumn col, int column, int from, int to, long[] nulls) {
    int n = to - from;
    switch (storage[column]) {
      case LONG -> System.arraycopy(col.longs(), 0, scratch.longs(column), from, n);
      case DOUBLE -> System.arraycopy(col.doubles(), 0, scratch.doubles(column), from, n);
      case STRING -> {
        long[] in = col.longs();
        int[] out = scratch.ids(column);
        for (int i = 0; i < n; i++) {
          out[from + i] = (int) in[i];
        }
      }
    }
    long[] cn = col.nulls();
    if (cn == null) {
      return false;
    }
    boolean any = false;
    for (int i = 0; i < n; i++) {
      if (NullBitmap.get(cn, i)) {
        int d = from + i;
        nulls[d >>> 6] |= 1L << d;
        any = true;
      }
    }
    return any;
  }
}
