package io.thermocline.coldstore.parquet;

import io.thermocline.common.error.CorruptFileException;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * The CRC32C of every column chunk's whole byte range (page headers and page bodies), in row-group
 * then column order, as the writer records them in the footer's key-value metadata under {@link
 * #KEY}: {@code "1:"} followed by eight hex digits per chunk. Parquet's own page CRCs cover page
 * bodies only, so a flipped bit in a Thrift page header (sizes, value counts, encodings) would
 * otherwise re-split or re-interpret checksummed bytes into wrong values. The footer itself is
 * protected by the tail CRC of {@link VerifiedFooter}, so these values and the chunk ranges they
 * refer to are trusted. Immutable.
 */
public final class ChunkChecksums {
  public static final String KEY = "thermocline.chunk.crc32c";
  private static final String VERSION = "1:";

  private final String file;
  private final long[] starts;
  private final long[] ends;
  private final int[] crcs;
  private final int[] rowGroups;
  private final String[] columns;

  private ChunkChecksums(
      String file, long[] starts, long[] ends, int[] crcs, int[] rowGroups, String[] columns) {
    this.file = file;
    this.starts = starts;
    this.ends = ends;
    this.crcs = crcs;
    this.rowGroups = rowGroups;
    this.columns = columns;
  }

  /** The footer value for these CRCs, in row-group then column order. */
  static String encode(int[] crcs, int count) {
    StringBuilder s = new StringBuilder(VERSION.length() + 8 * count).append(VERSION);
    for (int i = 0; i < count; i++) {
      String hex = Integer.toHexString(crcs[i]);
      s.append("0".repeat(8 - hex.length())).append(hex);
    }
    return s.toString();
  }

  /**
   * The checksums of a file's chunks, or null when the footer has none (a file written before chunk
   * checksums, or a foreign file). A value that does not match the footer's chunks is a corrupt
   * file.
   */
  public static ChunkChecksums of(ParquetMetadata footer, String file) {
    Map<String, String> kv = footer.getFileMetaData().getKeyValueMetaData();
    String value = kv == null ? null : kv.get(KEY);
    if (value == null) {
      return null;
    }
    List<BlockMetaData> blocks = footer.getBlocks();
    int n = 0;
    for (BlockMetaData b : blocks) {
      n += b.getColumns().size();
    }
    if (!value.startsWith(VERSION) || value.length() != VERSION.length() + 8 * n) {
      throw new CorruptFileException(
          file, -1, "footer key " + KEY + " does not hold one CRC32C for each of " + n + " chunks");
    }
    long[] starts = new long[n];
    long[] ends = new long[n];
    int[] crcs = new int[n];
    int[] rowGroups = new int[n];
    String[] columns = new String[n];
    int k = 0;
    for (int g = 0; g < blocks.size(); g++) {
      for (ColumnChunkMetaData c : blocks.get(g).getColumns()) {
        starts[k] = c.getStartingPos();
        ends[k] = c.getStartingPos() + c.getTotalSize();
        int at = VERSION.length() + 8 * k;
        try {
          crcs[k] = Integer.parseUnsignedInt(value.substring(at, at + 8), 16);
        } catch (NumberFormatException e) {
          throw new CorruptFileException(file, -1, "bad CRC32C in footer key " + KEY, e);
        }
        rowGroups[k] = g;
        columns[k] = c.getPath().toDotString();
        k++;
      }
    }
    sortByStart(starts, ends, crcs, rowGroups, columns);
    for (int i = 0; i < n; i++) {
      if (ends[i] < starts[i] || (i > 0 && starts[i] < ends[i - 1])) {
        throw new CorruptFileException(
            file, starts[i], "column chunk ranges overlap or are negative in the footer");
      }
    }
    return new ChunkChecksums(file, starts, ends, crcs, rowGroups, columns);
  }

  /** Insertion sort: chunks are written in file order, so this is one pass in practice. */
  private static void sortByStart(
      long[] starts, long[] ends, int[] crcs, int[] rowGroups, String[] columns) {
    for (int i = 1; i < starts.length; i++) {
      for (int j = i; j > 0 && starts[j] < starts[j - 1]; j--) {
        swap(starts, j);
        swap(ends, j);
        int t = crcs[j];
        crcs[j] = crcs[j - 1];
        crcs[j - 1] = t;
        t = rowGroups[j];
        rowGroups[j] = rowGroups[j - 1];
        rowGroups[j - 1] = t;
        String s = columns[j];
        columns[j] = columns[j - 1];
        columns[j - 1] = s;
      }
    }
  }

  private static void swap(long[] a, int j) {
    long t = a[j];
    a[j] = a[j - 1];
    a[j - 1] = t;
  }

  int count() {
    return starts.length;
  }

  long start(int chunk) {
    return starts[chunk];
  }

  long end(int chunk) {
    return ends[chunk];
  }

  int crc(int chunk) {
    return crcs[chunk];
  }

  /** The chunk holding byte {@code pos}, or -1. */
  int chunkAt(long pos) {
    int lo = 0;
    int hi = starts.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (pos < starts[mid]) {
        hi = mid - 1;
      } else if (pos >= ends[mid]) {
        lo = mid + 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The first chunk starting after {@code pos}, or -1. */
  int chunkAfter(long pos) {
    int lo = 0;
    int hi = starts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] <= pos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < starts.length ? lo : -1;
  }

  CorruptFileException mismatch(int chunk) {
    return new CorruptFileException(
        file,
        starts[chunk],
        "column chunk checksum mismatch (CRC32C): row group "
            + rowGroups[chunk]
            + ", column "
            + columns[chunk]
            + ", bytes "
            + starts[chunk]
            + ".."
            + ends[chunk]);
  }
}
