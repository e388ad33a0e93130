package io.thermocline.coldstore.parquet;

import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.type.StorageClass;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one flat column chunk of one row group a whole page at a time, straight from parquet's
 * {@link PageReader} (so page CRCs stay verified and column-index filtering keeps its pages), into
 * primitive arrays indexed by row within the page; {@link #read} then copies runs of rows out.
 * Definition levels and dictionary ids go through {@link RleBitPackedHybridDecoder}, integers
 * through {@link DeltaBinaryPackedDecoder} or {@link FixedWidthDecoder}; any other value encoding
 * falls back to parquet's own {@link ValuesReader}, a page at a time. Dictionary ids become values
 * only where needed: a string chunk whose pages are all dictionary-encoded stays ids into one
 * {@code String[]}. Handles the direct conversions of {@link #supports}; one row group, one thread.
 */
final class ColumnChunkDecoder {
  private final ColumnBinding binding;
  private final ColumnDescriptor column;
  private final PageReader pages;
  private final StorageClass storage;
  private final int maxDef;
  private final boolean stringIds;
  private final PageValueDecoder values;

  // The current page, one slot per row of the page; values under NULL rows are zero.
  private long pageFirst;
  private int pageRows;
  private long[] longs = new long[0];
  private double[] doubles = new double[0];
  private int[] ids = new int[0];
  private String[] strings = new String[0];
  private long[] pageNulls = new long[0];
  private boolean pageHasNulls;

  // Per page scratch, reused: definition levels and the dense (non-null) values.
  private int[] levels = new int[0];
  private int[] denseIds = new int[0];
  private long[] denseLongs = new long[0];
  private double[] denseDoubles = new double[0];
  private String[] denseStrings = new String[0];

  /**
   * {@code stringIds}: the chunk's pages are all dictionary-encoded (by its encoding statistics),
   * so a string column may come out as dictionary ids.
   */
  ColumnChunkDecoder(
      ColumnBinding binding, ColumnDescriptor column, PageReader pages, boolean stringIds)
      throws IOException {
    this.binding = binding;
    this.column = column;
    this.pages = pages;
    this.storage = binding.type().storage();
    this.maxDef = column.getMaxDefinitionLevel();
    this.values = new PageValueDecoder(column, binding.name(), pages.readDictionaryPage());
    this.stringIds =
        stringIds && storage == StorageClass.STRING && values.dictionaryStrings() != null;
  }

  /** Whether the column's conversion and physical type are ones this decoder handles. */
  static boolean supports(ColumnBinding b, ColumnDescriptor d) {
    if (d.getMaxRepetitionLevel() != 0 || d.getMaxDefinitionLevel() > 1) {
      return false;
    }
    PrimitiveTypeName p = d.getPrimitiveType().getPrimitiveTypeName();
    return switch (b.conversion()) {
      case BOOLEAN -> p == PrimitiveTypeName.BOOLEAN;
      case INT32 -> p == PrimitiveTypeName.INT32;
      case INT64 -> p == PrimitiveTypeName.INT64;
      case DOUBLE -> p == PrimitiveTypeName.DOUBLE;
      case STRING -> p == PrimitiveTypeName.BINARY;
      default -> false;
    };
  }

  /**
   * The values of the rows {@code positions[0, n) - rowOffset} of this row group, ascending, as one
   * vector. Pages before a requested row are decoded only if the row group was read whole
   * (column-index filtering has already dropped the others).
   */
  ColumnVector read(long[] positions, long rowOffset, int n) {
    long[] outLongs = storage == StorageClass.LONG ? new long[n] : null;
    double[] outDoubles = storage == StorageClass.DOUBLE ? new double[n] : null;
    int[] outIds = stringIds ? new int[n] : null;
    String[] outStrings = storage == StorageClass.STRING && !stringIds ? new String[n] : null;
    long[] outNulls = null;
    int i = 0;
    while (i < n) {
      long row = positions[i] - rowOffset;
      while (row >= pageFirst + pageRows) {
        nextPage();
      }
      if (row < pageFirst) {
        throw failure(" has no page for row " + row + "; the next page starts at row " + pageFirst);
      }
      int from = (int) (row - pageFirst);
      int run = (int) Math.min(n - i, pageFirst + pageRows - row);
      // Positions ascend strictly, so an equal span means every row in between is wanted.
      if (positions[i + run - 1] - positions[i] != run - 1) {
        int r = 1;
        while (positions[i + r] == positions[i] + r) {
          r++;
        }
        run = r;
      }
      if (outLongs != null) {
        System.arraycopy(longs, from, outLongs, i, run);
      } else if (outDoubles != null) {
        System.arraycopy(doubles, from, outDoubles, i, run);
      } else if (outIds != null) {
        System.arraycopy(ids, from, outIds, i, run);
      } else {
        System.arraycopy(strings, from, outStrings, i, run);
      }
      if (pageHasNulls) {
        for (int k = 0; k < run; k++) {
          if (NullBitmap.get(pageNulls, from + k)) {
            if (outNulls == null) {
              outNulls = NullBitmap.allocate(n);
            }
            NullBitmap.set(outNulls, i + k);
          }
        }
      }
      i += run;
    }
    if (outLongs != null) {
      return new LongVector(binding.type(), outLongs, n, outNulls);
    }
    if (outDoubles != null) {
      return new DoubleVector(binding.type(), outDoubles, n, outNulls);
    }
    if (outIds != null) {
      return StringVector.dictionary(
          binding.type(), outIds, values.dictionaryStrings(), n, outNulls);
    }
    return StringVector.plain(binding.type(), outStrings, n, outNulls);
  }

  private void nextPage() {
    long next = pageFirst + pageRows;
    DataPage page = pages.readPage();
    if (page == null) {
      throw failure(" ends before row " + next);
    }
    pageFirst = page.getFirstRowIndex().orElse(next);
    try {
      if (page instanceof DataPageV2 v2) {
        decodeV2(v2);
      } else if (page instanceof DataPageV1 v1) {
        decodeV1(v1);
      } else {
        throw failure(" has an unknown page kind " + page);
      }
    } catch (IOException e) {
      throw new ParquetDecodingException(
          "column " + binding.name() + " has an undecodable page: " + e, e);
    }
  }

  private void decodeV2(DataPageV2 page) throws IOException {
    int rows = page.getValueCount();
    if (page.getRowCount() != rows) {
      throw failure(" page has " + page.getRowCount() + " rows but " + rows + " values");
    }
    startPage(rows);
    int present = rows;
    if (maxDef > 0) {
      ByteBuffer defs = heap(page.getDefinitionLevels());
      int from = defs.arrayOffset() + defs.position();
      present = decodeLevels(defs.array(), from, from + defs.remaining(), rows);
    }
    ByteBuffer data = heap(page.getData());
    int from = data.arrayOffset() + data.position();
    decodeValues(
        page.getDataEncoding(), data.array(), from, from + data.remaining(), rows, present);
  }

  private void decodeV1(DataPageV1 page) throws IOException {
    int rows = page.getValueCount();
    startPage(rows);
    ByteBuffer bytes = heap(page.getBytes());
    byte[] buf = bytes.array();
    int start = bytes.arrayOffset() + bytes.position();
    int end = start + bytes.remaining();
    int at = start;
    int present = rows;
    if (maxDef > 0) {
      if (page.getDlEncoding() == Encoding.RLE) {
        if (end - start < 4) {
          throw failure(" page is too short for its levels");
        }
        int length =
            (buf[start] & 0xFF)
                | (buf[start + 1] & 0xFF) << 8
                | (buf[start + 2] & 0xFF) << 16
                | (buf[start + 3] & 0xFF) << 24;
        if (length < 0 || length > end - start - 4) {
          throw failure(" page has a level run of " + length);
        }
        present = decodeLevels(buf, start + 4, start + 4 + length, rows);
        at = start + 4 + length;
      } else {
        ByteBufferInputStream in = ByteBufferInputStream.wrap(bytes.duplicate());
        ValuesReader r = page.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
        r.initFromPage(rows, in);
        ensureLevels(rows);
        for (int i = 0; i < rows; i++) {
          levels[i] = r.readInteger();
        }
        present = markNulls(rows);
        at = start + (int) in.position();
      }
    }
    decodeValues(page.getValueEncoding(), buf, at, end, rows, present);
  }

  /**
   * The bytes as a heap buffer, without a copy when they already are one (decompressed pages and
   * the levels of v2 pages are). Deprecated in parquet for the sake of direct buffers only.
   */
  @SuppressWarnings("deprecation")
  private static ByteBuffer heap(BytesInput in) throws IOException {
    ByteBuffer b = in.toByteBuffer();
    return b.hasArray() ? b : ByteBuffer.wrap(in.toByteArray());
  }

  private void startPage(int rows) {
    pageRows = rows;
    switch (storage) {
      case LONG -> longs = ensure(longs, rows);
      case DOUBLE -> doubles = ensure(doubles, rows);
      case STRING -> {
        if (stringIds) {
          ids = ensure(ids, rows);
        } else {
          strings = ensure(strings, rows);
        }
      }
    }
    int words = NullBitmap.words(rows);
    if (pageNulls.length < words) {
      pageNulls = new long[words];
    } else {
      Arrays.fill(pageNulls, 0, words, 0L);
    }
    pageHasNulls = false;
  }

  /** Decodes RLE definition levels and marks the NULL rows; returns the count of non-null rows. */
  private int decodeLevels(byte[] buf, int from, int to, int rows) {
    ensureLevels(rows);
    new RleBitPackedHybridDecoder(buf, from, to, BytesUtils.getWidthFromMaxInt(maxDef))
        .decode(levels, rows);
    return markNulls(rows);
  }

  private void ensureLevels(int rows) {
    if (levels.length < rows + 8) {
      levels = new int[rows + 8];
    }
  }

  private int markNulls(int rows) {
    int present = 0;
    for (int i = 0; i < rows; i++) {
      if (levels[i] == maxDef) {
        present++;
      } else {
        pageNulls[i >>> 6] |= 1L << i;
      }
    }
    pageHasNulls = present < rows;
    return present;
  }

  private void decodeValues(Encoding encoding, byte[] buf, int from, int to, int rows, int present)
      throws IOException {
    if (present == 0) {
      clearRows(rows);
      return;
    }
    if (encoding.usesDictionary()) {
      denseIds = ensure(denseIds, present + 8);
      values.ids(buf, from, to, present, denseIds);
      expandIds(rows);
      return;
    }
    if (stringIds) {
      throw values.failure(" has a " + encoding + " page in a chunk of dictionary pages only");
    }
    boolean nulls = pageHasNulls;
    switch (storage) {
      case LONG -> {
        long[] dense = nulls ? (denseLongs = ensure(denseLongs, present)) : longs;
        values.longs(encoding, buf, from, to, rows, present, dense);
        for (int i = 0, k = 0; nulls && i < rows; i++) {
          longs[i] = isNullRow(i) ? 0L : dense[k++];
        }
      }
      case DOUBLE -> {
        double[] dense = nulls ? (denseDoubles = ensure(denseDoubles, present)) : doubles;
        values.doubles(encoding, buf, from, to, rows, present, dense);
        for (int i = 0, k = 0; nulls && i < rows; i++) {
          doubles[i] = isNullRow(i) ? 0.0 : dense[k++];
        }
      }
      case STRING -> {
        String[] dense = nulls ? (denseStrings = ensure(denseStrings, present)) : strings;
        values.strings(encoding, buf, from, to, rows, present, dense);
        for (int i = 0, k = 0; nulls && i < rows; i++) {
          strings[i] = isNullRow(i) ? null : dense[k++];
        }
      }
    }
  }

  /** Dense dictionary ids to the page's row slots: values, or ids kept as they are. */
  private void expandIds(int rows) {
    int[] d = denseIds;
    boolean nulls = pageHasNulls;
    switch (storage) {
      case LONG -> {
        long[] dict = values.dictionaryLongs();
        long[] out = longs;
        if (!nulls) {
          for (int i = 0; i < rows; i++) {
            out[i] = dict[d[i]];
          }
        } else {
          for (int i = 0, k = 0; i < rows; i++) {
            out[i] = isNullRow(i) ? 0L : dict[d[k++]];
          }
        }
      }
      case DOUBLE -> {
        double[] dict = values.dictionaryDoubles();
        for (int i = 0, k = 0; i < rows; i++) {
          doubles[i] = nulls && isNullRow(i) ? 0.0 : dict[d[k++]];
        }
      }
      case STRING -> {
        if (stringIds && !nulls) {
          System.arraycopy(d, 0, ids, 0, rows);
        } else if (stringIds) {
          for (int i = 0, k = 0; i < rows; i++) {
            ids[i] = isNullRow(i) ? 0 : d[k++];
          }
        } else {
          String[] dict = values.dictionaryStrings();
          for (int i = 0, k = 0; i < rows; i++) {
            strings[i] = nulls && isNullRow(i) ? null : dict[d[k++]];
          }
        }
      }
    }
  }

  private void clearRows(int rows) {
    switch (storage) {
      case LONG -> Arrays.fill(longs, 0, rows, 0L);
      case DOUBLE -> Arrays.fill(doubles, 0, rows, 0.0);
      case STRING -> {
        if (stringIds) {
          Arrays.fill(ids, 0, rows, 0);
        } else {
          Arrays.fill(strings, 0, rows, null);
        }
      }
    }
  }

  private boolean isNullRow(int i) {
    return (pageNulls[i >>> 6] & (1L << i)) != 0;
  }

  private ParquetDecodingException failure(String problem) {
    return values.failure(problem);
  }

  private static long[] ensure(long[] a, int n) {
    return a.length >= n ? a : new long[n];
  }

  private static double[] ensure(double[] a, int n) {
    return a.length >= n ? a : new double[n];
  }

  private static int[] ensure(int[] a, int n) {
    return a.length >= n ? a : new int[n];
  }

  private static String[] ensure(String[] a, int n) {
    return a.length >= n ? a : new String[n];
  }
}
