package io.thermocline.bench.series;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tsfile.common.conf.TSFileDescriptor;
import org.apache.tsfile.encoding.encoder.Encoder;
import org.apache.tsfile.enums.TSDataType;
import org.apache.tsfile.exception.write.WriteProcessException;
import org.apache.tsfile.file.metadata.ChunkMetadata;
import org.apache.tsfile.file.metadata.IDeviceID;
import org.apache.tsfile.file.metadata.enums.CompressionType;
import org.apache.tsfile.file.metadata.enums.TSEncoding;
import org.apache.tsfile.read.TsFileSequenceReader;
import org.apache.tsfile.read.common.Chunk;
import org.apache.tsfile.read.common.block.TsBlock;
import org.apache.tsfile.read.reader.IPageReader;
import org.apache.tsfile.read.reader.chunk.ChunkReader;
import org.apache.tsfile.write.TsFileWriter;
import org.apache.tsfile.write.record.Tablet;
import org.apache.tsfile.write.schema.IMeasurementSchema;
import org.apache.tsfile.write.schema.MeasurementSchema;
import org.apache.tsfile.write.schema.Schema;

/**
 * Apache TsFile as a peer: one series written as one non-aligned DOUBLE time series of one device
 * (the tree model), in memory, with a chosen value encoding and compressor; read back page by page
 * through TsFile's own chunk and page readers.
 *
 * <p>Timestamps always use the configured time encoder (TS_2DIFF by default): a non-aligned chunk
 * does not record its time encoding, readers assume the configured one, so a file written with
 * another would not be readable by others.
 *
 * <p>Single-threaded; TsFile's configuration is process-wide and is not changed here.
 */
final class TsFilePeer {
  static final String DEVICE = "root.bench.d";
  static final String MEASUREMENT = "v";

  /** Rows per tablet handed to the writer. */
  private static final int TABLET_ROWS = 8192;

  private TsFilePeer() {}

  /** The value encodings TsFile offers for DOUBLE, in declaration order. */
  static List<TSEncoding> doubleEncodings() {
    List<TSEncoding> out = new ArrayList<>();
    for (TSEncoding e : TSEncoding.values()) {
      if (TSEncoding.isSupported(TSDataType.DOUBLE, e)) {
        out.add(e);
      }
    }
    return out;
  }

  static List<CompressionType> compressors() {
    return List.of(CompressionType.values());
  }

  /** The encoding and compressor TsFile uses for DOUBLE when the schema names none. */
  static Combination defaults() {
    var config = TSFileDescriptor.getInstance().getConfig();
    return new Combination(
        TSEncoding.valueOf(config.getDoubleEncoding()), config.getCompressor(TSDataType.DOUBLE));
  }

  static String timeEncoding() {
    return TSFileDescriptor.getInstance().getConfig().getTimeEncoder();
  }

  /** The series cut into tablets over copies of its arrays: built once, written many times. */
  static Prepared prepare(BenchSeries s, Combination c) {
    // A fixed precision that keeps the source decimals, for the encodings that scale doubles to
    // integers; the others ignore it.
    MeasurementSchema schema =
        new MeasurementSchema(
            MEASUREMENT,
            TSDataType.DOUBLE,
            c.encoding(),
            c.compressor(),
            new HashMap<>(Map.of(Encoder.MAX_POINT_NUMBER, Integer.toString(s.decimals()))));
    List<IMeasurementSchema> schemas = List.of(schema);
    List<Tablet> tablets = new ArrayList<>();
    for (int from = 0; from < s.points(); from += TABLET_ROWS) {
      int rows = Math.min(TABLET_ROWS, s.points() - from);
      long[] ts = new long[rows];
      double[] values = new double[rows];
      System.arraycopy(s.timestamps(), from, ts, 0, rows);
      System.arraycopy(s.values(), from, values, 0, rows);
      tablets.add(new Tablet(DEVICE, schemas, ts, new Object[] {values}, null, rows));
    }
    return new Prepared(schema, tablets);
  }

  /** Writes the prepared series into a new in-memory TsFile and returns the file's bytes. */
  static byte[] write(Prepared p) {
    MemoryTsFileOutput out = new MemoryTsFileOutput();
    try (TsFileWriter writer = new TsFileWriter(out, new Schema())) {
      writer.registerTimeseries(DEVICE, p.schema());
      for (Tablet t : p.tablets()) {
        writer.writeTree(t);
      }
    } catch (IOException | WriteProcessException e) {
      throw new ThermoException(ErrorCode.IO_ERROR, "TsFile write failed: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Reads every point of the series back; returns the rows read. */
  static int read(byte[] file, long[] ts, double[] values) {
    IDeviceID device = IDeviceID.Factory.DEFAULT_FACTORY.create(DEVICE);
    int row = 0;
    try (TsFileSequenceReader reader =
        new TsFileSequenceReader(new MemoryTsFileInput(file, "bench.tsfile"))) {
      for (ChunkMetadata meta : reader.getChunkMetadataList(device, MEASUREMENT, false)) {
        Chunk chunk = reader.readMemChunk(meta);
        ChunkReader chunkReader = new ChunkReader(chunk);
        for (IPageReader page : chunkReader.loadPageReaderList()) {
          TsBlock block = page.getAllSatisfiedData();
          int n = block.getPositionCount();
          if (row + n > ts.length) {
            throw new ThermoException(
                ErrorCode.CORRUPT_FILE,
                "TsFile holds more than the " + ts.length + " rows written");
          }
          var time = block.getTimeColumn();
          var value = block.getColumn(0);
          for (int i = 0; i < n; i++) {
            ts[row] = time.getLong(i);
            values[row] = value.getDouble(i);
            row++;
          }
        }
      }
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.IO_ERROR, "TsFile read failed: " + e.getMessage(), e);
    }
    return row;
  }

  /** A value encoding and a compressor. */
  record Combination(TSEncoding encoding, CompressionType compressor) {
    @Override
    public String toString() {
      return encoding + "+" + compressor;
    }
  }

  /** A series ready to write with one combination. */
  record Prepared(MeasurementSchema schema, List<Tablet> tablets) {}
}
