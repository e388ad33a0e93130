package io.thermocline.coldstore.parquet;

import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.type.StorageClass;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.CorruptDeltaByteArrays;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.VersionParser;
import org.apache.parquet.VersionParser.ParsedVersion;
import org.apache.parquet.VersionParser.VersionParseException;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Reads the bound columns of one Parquet file column by column into primitive vectors, with no
 * record assembly. Columns with a direct conversion are decoded a whole page at a time by {@link
 * ColumnChunkDecoder} straight from parquet's page readers (about three times faster on a full scan
 * than value at a time); the rest (foreign conversions such as INT96 or FLOAT, and DELTA_BYTE_ARRAY
 * pages of old writers that decode only in sequence) go through parquet's {@link ColumnReader}s.
 * Row groups are pruned by statistics (and by dictionaries where {@link DictionaryPruning} finds it
 * worthwhile) and pages by the column index when a pushed-down predicate is given; only requested
 * column chunks are read; page CRCs are verified, and so is each whole column chunk (page headers
 * included) against the footer's {@link ChunkChecksums} before any of its bytes reach parquet.
 * String chunks that are entirely dictionary-encoded come out as dictionary {@link StringVector}s
 * (ids plus the chunk's decoded dictionary), so grouping works on ids. Each row keeps its position
 * in the file. One thread; close it to release the stream.
 */
public final class ColdFileReader implements AutoCloseable {
  private final String file;
  private final ParquetFileReader reader;
  private final List<ColumnBinding> bindings;
  private final MessageType requested;
  private final String createdBy;
  private final Map<Long, BlockMetaData> blocksByOffset = new HashMap<>();

  private final boolean bulkDecoding;
  private final ParsedVersion writerVersion;
  private ColumnChunkDecoder[] decoders;
  private ColumnReader[] readers;
  private DictionaryCapture[] dictionaries;
  private int[] maxDef;
  private PrimitiveIterator.OfLong rowIndexes;
  private long rowOffset;
  private long nextRow;
  private long remaining;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ColdFileReader(
      String file, ParquetFileReader reader, List<ColumnBinding> bindings, boolean bulkDecoding) {
    this.file = file;
    this.reader = reader;
    this.bindings = bindings;
    this.bulkDecoding = bulkDecoding;
    this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
    this.writerVersion = parseVersion(createdBy);
    MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
    List<Type> fields = new ArrayList<>();
    for (ColumnBinding b : bindings) {
      if (b.presentInFile()) {
        fields.add(fileSchema.getType(b.descriptor().getPath()[0]));
      }
    }
    this.requested = Types.buildMessage().addFields(fields.toArray(new Type[0])).named("read");
    reader.setRequestedSchema(requested);
    for (BlockMetaData b : reader.getRowGroups()) {
      blocksByOffset.put(b.getRowIndexOffset(), b);
    }
  }

  /** Opens a cold file whose tail was verified; {@code pushdown} may be null. */
  public static ColdFileReader open(
      FileSystem fs,
      Path path,
      VerifiedFooter footer,
      List<ColumnBinding> bindings,
      FilterPredicate pushdown,
      Configuration conf) {
    return open(fs, path, footer, bindings, pushdown, conf, true);
  }

  /**
   * As {@link #open(FileSystem, Path, VerifiedFooter, List, FilterPredicate, Configuration)}; with
   * {@code bulkDecoding} false every column goes through parquet's value-at-a-time {@link
   * ColumnReader}, the reference the bulk decoders are tested against.
   */
  static ColdFileReader open(
      FileSystem fs,
      Path path,
      VerifiedFooter footer,
      List<ColumnBinding> bindings,
      FilterPredicate pushdown,
      Configuration conf,
      boolean bulkDecoding) {
    String file = path.toString();
    try {
      ChunkChecksums sums = ChunkChecksums.of(footer.footer(), file);
      InputFile input =
          new InputFile() {
            @Override
            public long getLength() {
              return footer.length();
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
              SeekableInputStream s =
                  new TailServingInputStream(
                      HadoopStreams.wrap(fs.open(path)), footer.tail(), footer.tailOffset());
              return sums == null ? s : new ChunkVerifyingInputStream(s, sums);
            }

            @Override
            public String toString() {
              return file;
            }
          };
      ParquetReadOptions.Builder options =
          HadoopReadOptions.builder(conf)
              .useStatsFilter(true)
              .useDictionaryFilter(
                  DictionaryPruning.worthwhile(pushdown, footer.footer().getBlocks()))
              .useColumnIndexFilter(true)
              .useRecordFilter(false)
              .useBloomFilter(false)
              .withUseHadoopVectoredIo(false)
              .usePageChecksumVerification(true);
      if (pushdown != null) {
        options.withRecordFilter(FilterCompat.get(pushdown));
      }
      ParquetFileReader r =
          ParquetFileReader.open(input, footer.footer(), options.build(), input.newStream());
      return new ColdFileReader(file, r, bindings, bulkDecoding);
    } catch (IOException | RuntimeException e) {
      throw ColdFileErrors.reading(file, e);
    }
  }

  /** Opens a Parquet file another tool wrote, binding every column (for import). */
  public static ColdFileReader openForeign(FileSystem fs, Path path, Configuration conf) {
    return openForeign(fs, path, conf, true);
  }

  /** As {@link #openForeign(FileSystem, Path, Configuration)}, optionally without bulk decoding. */
  static ColdFileReader openForeign(
      FileSystem fs, Path path, Configuration conf, boolean bulkDecoding) {
    String file = path.toString();
    try {
      long length = fs.getFileStatus(path).getLen();
      InputFile input =
          new InputFile() {
            @Override
            public long getLength() {
              return length;
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
              return HadoopStreams.wrap(fs.open(path));
            }

            @Override
            public String toString() {
              return file;
            }
          };
      ParquetReadOptions options =
          HadoopReadOptions.builder(conf)
              .withUseHadoopVectoredIo(false)
              .usePageChecksumVerification(true)
              .build();
      ParquetFileReader r = ParquetFileReader.open(input, options);
      List<ColumnBinding> b =
          ParquetTypes.bindForeign(r.getFooter().getFileMetaData().getSchema(), file);
      return new ColdFileReader(file, r, b, bulkDecoding);
    } catch (IOException | RuntimeException e) {
      throw ColdFileErrors.reading(file, e);
    }
  }

  public ParquetMetadata footer() {
    return reader.getFooter();
  }

  public List<ColumnBinding> bindings() {
    return bindings;
  }

  /** Up to {@code maxRows} next rows, or null when the file is done. */
  public RowChunk next(int maxRows) {
    try {
      while (remaining == 0) {
        if (!advanceRowGroup()) {
          return null;
        }
      }
      int n = (int) Math.min(maxRows, remaining);
      long[] positions = new long[n];
      if (rowIndexes != null) {
        for (int i = 0; i < n; i++) {
          positions[i] = rowOffset + rowIndexes.nextLong();
        }
      } else {
        for (int i = 0; i < n; i++) {
          positions[i] = rowOffset + nextRow + i;
        }
        nextRow += n;
      }
      ColumnVector[] vectors = new ColumnVector[bindings.size()];
      for (int c = 0; c < vectors.length; c++) {
        vectors[c] =
            decoders[c] != null ? decoders[c].read(positions, rowOffset, n) : readColumn(c, n);
      }
      remaining -= n;
      return new RowChunk(n, vectors, positions);
    } catch (IOException | RuntimeException e) {
      throw ColdFileErrors.reading(file, e);
    }
  }

  private boolean advanceRowGroup() throws IOException {
    PageReadStore pages = reader.readNextFilteredRowGroup();
    if (pages == null) {
      return false;
    }
    rowOffset = pages.getRowIndexOffset().orElseThrow();
    rowIndexes = pages.getRowIndexes().orElse(null);
    nextRow = 0;
    remaining = pages.getRowCount();
    BlockMetaData block = blocksByOffset.get(rowOffset);
    int n = bindings.size();
    decoders = new ColumnChunkDecoder[n];
    readers = new ColumnReader[n];
    dictionaries = new DictionaryCapture[n];
    maxDef = new int[n];
    RootConverter root = new RootConverter(requested.getFieldCount());
    boolean anyReader = false;
    int field = 0;
    for (int c = 0; c < n; c++) {
      ColumnBinding b = bindings.get(c);
      if (!b.presentInFile()) {
        continue;
      }
      ColumnDescriptor d = requested.getColumnDescription(b.descriptor().getPath());
      boolean allDictionary = allDictionaryPages(block, d);
      if (bulkDecoding && decodesInBulk(b, d, block)) {
        decoders[c] = new ColumnChunkDecoder(b, d, pages.getPageReader(d), allDictionary);
      } else {
        anyReader = true;
        if (b.conversion() == Conversion.STRING && allDictionary) {
          dictionaries[c] = new DictionaryCapture();
          root.set(field, dictionaries[c]);
        }
      }
      field++;
    }
    if (anyReader) {
      ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, root, requested, createdBy);
      for (int c = 0; c < n; c++) {
        ColumnBinding b = bindings.get(c);
        if (b.presentInFile() && decoders[c] == null) {
          ColumnDescriptor d = requested.getColumnDescription(b.descriptor().getPath());
          readers[c] = store.getColumnReader(d);
          maxDef[c] = d.getMaxDefinitionLevel();
        }
      }
    }
    return true;
  }

  /**
   * Whether the chunk goes through {@link ColumnChunkDecoder}: the direct conversions, except
   * DELTA_BYTE_ARRAY pages of writers with PARQUET-246, whose pages only decode in sequence through
   * parquet's own reader.
   */
  private boolean decodesInBulk(ColumnBinding b, ColumnDescriptor d, BlockMetaData block) {
    if (!ColumnChunkDecoder.supports(b, d)) {
      return false;
    }
    ColumnChunkMetaData chunk = chunk(block, d);
    return chunk == null
        || !chunk.getEncodings().contains(Encoding.DELTA_BYTE_ARRAY)
        || !CorruptDeltaByteArrays.requiresSequentialReads(
            writerVersion, Encoding.DELTA_BYTE_ARRAY);
  }

  private static ColumnChunkMetaData chunk(BlockMetaData block, ColumnDescriptor d) {
    if (block == null) {
      return null;
    }
    for (ColumnChunkMetaData c : block.getColumns()) {
      if (Arrays.equals(c.getPath().toArray(), d.getPath())) {
        return c;
      }
    }
    return null;
  }

  private static ParsedVersion parseVersion(String createdBy) {
    try {
      return createdBy == null ? null : VersionParser.parse(createdBy);
    } catch (RuntimeException | VersionParseException e) {
      return null;
    }
  }

  private static boolean allDictionaryPages(BlockMetaData block, ColumnDescriptor d) {
    ColumnChunkMetaData c = chunk(block, d);
    return c != null
        && c.getEncodingStats() != null
        && c.getEncodingStats().hasDictionaryPages()
        && !c.getEncodingStats().hasNonDictionaryEncodedPages();
  }

  private ColumnVector readColumn(int c, int n) {
    ColumnBinding b = bindings.get(c);
    ColumnReader r = readers[c];
    if (r == null) {
      long[] nulls = NullBitmap.allocate(n);
      for (int i = 0; i < n; i++) {
        NullBitmap.set(nulls, i);
      }
      return switch (b.type().storage()) {
        case LONG -> new LongVector(b.type(), new long[n], n, nulls);
        case DOUBLE -> new DoubleVector(b.type(), new double[n], n, nulls);
        case STRING -> StringVector.plain(b.type(), new String[n], n, nulls);
      };
    }
    if (b.type().storage() == StorageClass.STRING) {
      return dictionaries[c] != null
          ? ColumnDecoders.readDictionaryIds(r, maxDef[c], n, b.type(), dictionaries[c].strings())
          : ColumnDecoders.readStrings(r, maxDef[c], n, b.type());
    }
    if (b.type().storage() == StorageClass.DOUBLE) {
      return ColumnDecoders.readDoubles(r, maxDef[c], n, b);
    }
    return ColumnDecoders.readLongs(r, maxDef[c], n, b);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      reader.close();
    } catch (IOException e) {
      throw ColdFileErrors.reading(file, e);
    }
  }
}
