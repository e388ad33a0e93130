package io.thermocline.coldstore.parquet;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

/**
 * A {@link ParquetFileWriter} that has its {@link SyncingOutputFile} checksum each column chunk as
 * parquet writes it: parquet brackets every chunk's page headers and pages with {@code
 * startColumn}/{@code endColumn}, so the CRCs cost one pass over bytes already in hand instead of
 * re-reading the file. {@link #checksums()} is the footer value of {@link ChunkChecksums}; {@link
 * #checkRanges()} proves after {@code end} that the bracketed ranges are exactly the chunks the
 * footer describes. One writer thread.
 */
final class ChunkChecksummingFileWriter extends ParquetFileWriter {
  private final SyncingOutputFile out;
  private long[] starts = new long[16];
  private long[] ends = new long[16];
  private int[] crcs = new int[16];
  private int count;

  ChunkChecksummingFileWriter(
      SyncingOutputFile out, MessageType schema, long rowGroupBytes, ParquetProperties props)
      throws IOException {
    super(out, schema, Mode.CREATE, rowGroupBytes, 0, null, props);
    this.out = out;
  }

  @Override
  public void startColumn(ColumnDescriptor descriptor, long valueCount, CompressionCodecName codec)
      throws IOException {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
      crcs = Arrays.copyOf(crcs, count * 2);
    }
    starts[count] = out.beginChunk();
    super.startColumn(descriptor, valueCount, codec);
  }

  @Override
  public void endColumn() throws IOException {
    super.endColumn();
    ends[count] = out.length();
    crcs[count] = out.endChunk();
    count++;
  }

  String checksums() {
    return ChunkChecksums.encode(crcs, count);
  }

  /** Throws if the checksummed ranges are not the footer's chunks, in order. */
  void checkRanges() {
    ParquetMetadata footer = getFooter();
    int k = 0;
    for (BlockMetaData b : footer.getBlocks()) {
      List<ColumnChunkMetaData> columns = b.getColumns();
      for (ColumnChunkMetaData c : columns) {
        if (k >= count
            || c.getStartingPos() != starts[k]
            || c.getStartingPos() + c.getTotalSize() != ends[k]) {
          throw new IllegalStateException(
              "checksummed range " + k + " is not the footer's column chunk " + c.getPath());
        }
        k++;
      }
    }
    if (k != count) {
      throw new IllegalStateException(count + " checksummed ranges for " + k + " column chunks");
    }
  }
}
