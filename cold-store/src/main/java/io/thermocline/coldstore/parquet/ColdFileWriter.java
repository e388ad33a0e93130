package io.thermocline.coldstore.parquet;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one {@link ColumnBatch} as one Parquet file with parquet-hadoop's low-level API ({@link
 * ParquetFileWriter}, a {@link ColumnWriteStore} per row group), reading straight from the
 * primitive vectors in the given row order: no records, no per-value boxing. Data pages v2, ZSTD,
 * statistics, column and offset indexes, page CRCs, and a CRC32C of every whole column chunk in the
 * footer ({@link ChunkChecksums}), since page CRCs leave page headers unprotected. Encodings: the
 * time column DELTA_BINARY_PACKED without a dictionary (a steady step costs almost nothing: 750
 * bytes for 200,000 quarter-hour timestamps); other integers dictionary first with
 * DELTA_BINARY_PACKED as fallback (measured: a low-cardinality delay column 177 KB with the
 * dictionary vs 197 KB DELTA_BINARY_PACKED alone, while a high-cardinality counter falls back and
 * costs the same); strings dictionary with DELTA_BYTE_ARRAY fallback; doubles dictionary with PLAIN
 * or BYTE_STREAM_SPLIT fallback as {@link ByteStreamSplitProbe} measures. Stateless.
 */
public final class ColdFileWriter {
  public static final String CREATED_BY_KEY = "thermocline.format";
  private static final int TRUNCATE = 64;

  private ColdFileWriter() {}

  /** What was written: the size, where the checksummed tail starts, and the split decisions. */
  public record Written(
      long rows,
      long sizeBytes,
      long tailOffset,
      int tailCrc,
      Map<String, Boolean> byteStreamSplit) {}

  /**
   * Writes rows {@code order[0..]} of {@code batch} (whose schema is {@code schema}) to {@code
   * path}, which must not exist. The stream is hsynced and closed when this returns; on failure the
   * partial file is left for the caller to delete.
   */
  public static Written write(
      FileSystem fs,
      Path path,
      Configuration conf,
      Schema schema,
      ColumnBatch batch,
      int[] order,
      WriterSettings settings)
      throws IOException {
    MessageType mt = ParquetTypes.toMessageType(schema, "thermocline");
    CodecFactory codecs = new CodecFactory(conf, settings.pageBytes());
    SyncingOutputFile out = new SyncingOutputFile(fs, path);
    boolean done = false;
    try {
      BytesInputCompressor zstd = codecs.getCompressor(CompressionCodecName.ZSTD);
      Map<String, Boolean> split = new LinkedHashMap<>();
      ParquetProperties props = properties(schema, batch, order, settings, zstd, split);
      ChunkChecksummingFileWriter fw =
          new ChunkChecksummingFileWriter(out, mt, settings.rowGroupBytes(), props);
      fw.start();
      List<ColumnDescriptor> descriptors = mt.getColumns();
      Binary[][] dictionaries = binaryDictionaries(batch);
      int n = order.length;
      int next = 0;
      while (next < n) {
        next =
            writeRowGroup(
                fw, mt, props, zstd, descriptors, batch, dictionaries, order, next, settings);
      }
      long tailOffset = out.markTail();
      fw.end(Map.of(CREATED_BY_KEY, "1", ChunkChecksums.KEY, fw.checksums()));
      fw.checkRanges();
      Written w = new Written(n, out.length(), tailOffset, out.tailCrc(), split);
      done = true;
      return w;
    } finally {
      if (!done) {
        out.abandon();
      }
      codecs.release();
    }
  }

  private static ParquetProperties properties(
      Schema schema,
      ColumnBatch batch,
      int[] order,
      WriterSettings settings,
      BytesInputCompressor zstd,
      Map<String, Boolean> split)
      throws IOException {
    ParquetProperties.Builder b =
        ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
            .withPageSize(settings.pageBytes())
            .withPageRowCountLimit(settings.pageRows())
            .withDictionaryPageSize(settings.pageBytes())
            .withDictionaryEncoding(true)
            .withColumnIndexTruncateLength(TRUNCATE)
            .withStatisticsTruncateLength(TRUNCATE)
            .withPageWriteChecksumEnabled(true);
    schema.timeColumn().ifPresent(t -> b.withDictionaryEncoding(schema.column(t).name(), false));
    for (int c = 0; c < schema.size(); c++) {
      Column col = schema.column(c);
      boolean isTime = schema.timeColumn().map(col.name()::equals).orElse(false);
      if (!settings.integerDictionary()
          && !isTime
          && batch.column(c) instanceof LongVector
          && col.type().kind() != io.thermocline.common.type.TypeKind.BOOLEAN) {
        b.withDictionaryEncoding(col.name(), false);
      }
      if (batch.column(c) instanceof DoubleVector dv) {
        boolean use =
            settings.byteStreamSplit() != null
                ? settings.byteStreamSplit()
                : ByteStreamSplitProbe.prefersSplit(dv.values(), dv.nulls(), order, zstd);
        split.put(col.name(), use);
        b.withByteStreamSplitEncoding(col.name(), use);
      }
    }
    return b.build();
  }

  private static int writeRowGroup(
      ParquetFileWriter fw,
      MessageType mt,
      ParquetProperties props,
      BytesInputCompressor zstd,
      List<ColumnDescriptor> descriptors,
      ColumnBatch batch,
      Binary[][] dictionaries,
      int[] order,
      int start,
      WriterSettings settings)
      throws IOException {
    ColumnChunkPageWriteStore pages =
        new ColumnChunkPageWriteStore(zstd, mt, props.getAllocator(), TRUNCATE, true);
    ColumnWriteStore store = props.newColumnWriteStore(mt, pages, pages);
    try {
      int cols = descriptors.size();
      ColumnWriter[] writers = new ColumnWriter[cols];
      int[] maxDef = new int[cols];
      for (int c = 0; c < cols; c++) {
        writers[c] = store.getColumnWriter(descriptors.get(c));
        maxDef[c] = descriptors.get(c).getMaxDefinitionLevel();
      }
      int end = (int) Math.min(order.length, (long) start + settings.rowGroupRows());
      int i = start;
      while (i < end) {
        int row = order[i];
        for (int c = 0; c < cols; c++) {
          writeValue(writers[c], maxDef[c], batch.column(c), dictionaries[c], row);
        }
        store.endRecord();
        i++;
        if (((i - start) & 4095) == 0 && store.getBufferedSize() >= settings.rowGroupBytes()) {
          break;
        }
      }
      fw.startBlock(i - start);
      store.flush();
      pages.flushToFileWriter(fw);
      fw.endBlock();
      return i;
    } finally {
      store.close();
      pages.close();
    }
  }

  /** UTF-8 of each dictionary entry of dictionary-encoded string vectors, encoded once. */
  private static Binary[][] binaryDictionaries(ColumnBatch batch) {
    Binary[][] out = new Binary[batch.columnCount()][];
    for (int c = 0; c < out.length; c++) {
      if (batch.column(c) instanceof StringVector sv && sv.isDictionaryEncoded()) {
        String[] dict = sv.dictionary();
        out[c] = new Binary[dict.length];
        for (int i = 0; i < dict.length; i++) {
          out[c][i] = dict[i] == null ? null : Binary.fromString(dict[i]);
        }
      }
    }
    return out;
  }

  private static void writeValue(
      ColumnWriter w, int maxDef, ColumnVector v, Binary[] dictionary, int row) {
    if (v.isNull(row)) {
      w.writeNull(0, 0);
      return;
    }
    if (v instanceof LongVector lv) {
      long x = lv.get(row);
      switch (lv.type().kind()) {
        case BOOLEAN -> w.write(x != 0, 0, maxDef);
        case INTEGER, DATE -> w.write((int) x, 0, maxDef);
        default -> w.write(x, 0, maxDef);
      }
    } else if (v instanceof DoubleVector dv) {
      w.write(dv.get(row), 0, maxDef);
    } else if (dictionary != null) {
      w.write(dictionary[((StringVector) v).ids()[row]], 0, maxDef);
    } else {
      w.write(Binary.fromString(((StringVector) v).get(row)), 0, maxDef);
    }
  }
}
