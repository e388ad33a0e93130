package io.thermocline.bench.series;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Plain Parquet as a peer, written with parquet-hadoop directly: one file per series with {@code
 * ts} (INT64 TIMESTAMP(MICROS), DELTA_BINARY_PACKED, no dictionary) and {@code value} (DOUBLE),
 * ZSTD, writer version 2. {@link Variant#DEFAULT} leaves the value column to parquet-mr's default
 * (dictionary, falling back to PLAIN); {@link Variant#BYTE_STREAM_SPLIT} turns the dictionary off
 * for it so that BYTE_STREAM_SPLIT is what is measured. Read back with the column readers.
 *
 * <p>Stateless; each call opens and closes its own file.
 */
final class ParquetPeer {
  static final MessageType SCHEMA =
      Types.buildMessage()
          .required(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
          .named("ts")
          .required(PrimitiveTypeName.DOUBLE)
          .named("value")
          .named("series");

  private ParquetPeer() {}

  /** How the value column is encoded. */
  enum Variant {
    DEFAULT,
    BYTE_STREAM_SPLIT
  }

  /** Writes {@code s} to {@code file} (replacing it) and returns the file's size. */
  static long write(BenchSeries s, Variant variant, Path file) {
    try {
      Files.deleteIfExists(file);
      try (ParquetWriter<RowIndex> writer =
          new Builder(new LocalOutputFile(file), s)
              .withConf(new Configuration(false))
              .withCompressionCodec(CompressionCodecName.ZSTD)
              .withWriterVersion(WriterVersion.PARQUET_2_0)
              .withDictionaryEncoding("ts", false)
              .withDictionaryEncoding("value", variant == Variant.DEFAULT)
              .withByteStreamSplitEncoding(variant == Variant.BYTE_STREAM_SPLIT)
              .build()) {
        RowIndex row = new RowIndex();
        for (int r = 0; r < s.points(); r++) {
          row.row = r;
          writer.write(row);
        }
      }
      return Files.size(file);
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.IO_ERROR, "cannot write " + file + ": " + e, e);
    }
  }

  /** Reads {@code file} back into the arrays; returns the rows read. */
  static int read(Path file, long[] ts, double[] values) {
    int row = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      ColumnDescriptor tsColumn = schema.getColumns().get(0);
      ColumnDescriptor valueColumn = schema.getColumns().get(1);
      PageReadStore group;
      while ((group = reader.readNextRowGroup()) != null) {
        ColumnReadStoreImpl store =
            new ColumnReadStoreImpl(
                group, new DummyRecordConverter(schema).getRootConverter(), schema, createdBy);
        ColumnReader tsReader = store.getColumnReader(tsColumn);
        ColumnReader valueReader = store.getColumnReader(valueColumn);
        long n = group.getRowCount();
        if (row + n > ts.length) {
          throw new ThermoException(
              ErrorCode.CORRUPT_FILE, file + " holds more than the " + ts.length + " rows written");
        }
        for (long i = 0; i < n; i++) {
          ts[row] = tsReader.getLong();
          tsReader.consume();
          values[row] = valueReader.getDouble();
          valueReader.consume();
          row++;
        }
      }
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e, e);
    }
    return row;
  }

  /** The data-page encodings of each column as the footer records them, e.g. {@code ts: X}. */
  static String encodings(Path file) {
    Map<String, Set<Encoding>> byColumn = new TreeMap<>();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          Set<Encoding> set =
              byColumn.computeIfAbsent(chunk.getPath().toDotString(), k -> new TreeSet<>());
          EncodingStats stats = chunk.getEncodingStats();
          if (stats != null) {
            set.addAll(stats.getDataEncodings());
          } else {
            set.addAll(chunk.getEncodings());
          }
        }
      }
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e, e);
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Set<Encoding>> e : byColumn.entrySet()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(e.getKey()).append(": ");
      StringBuilder names = new StringBuilder();
      for (Encoding enc : e.getValue()) {
        if (names.length() > 0) {
          names.append('/');
        }
        names.append(enc.name());
      }
      sb.append(names);
    }
    return sb.toString();
  }

  /** The record handed to the writer: the row to write, one instance reused for all rows. */
  static final class RowIndex {
    int row;
  }

  private static final class Builder extends ParquetWriter.Builder<RowIndex, Builder> {
    private final BenchSeries series;

    Builder(OutputFile file, BenchSeries series) {
      super(file);
      this.series = series;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<RowIndex> getWriteSupport(Configuration conf) {
      return new SeriesWriteSupport(series);
    }
  }

  private static final class SeriesWriteSupport extends WriteSupport<RowIndex> {
    private final long[] ts;
    private final double[] values;
    private RecordConsumer consumer;

    SeriesWriteSupport(BenchSeries series) {
      this.ts = series.timestamps();
      this.values = series.values();
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(SCHEMA, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(RowIndex record) {
      int r = record.row;
      consumer.startMessage();
      consumer.startField("ts", 0);
      consumer.addLong(ts[r]);
      consumer.endField("ts", 0);
      consumer.startField("value", 1);
      consumer.addDouble(values[r]);
      consumer.endField("value", 1);
      consumer.endMessage();
    }
  }
}
