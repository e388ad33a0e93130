package io.thermocline.coldstore.parquet;

import static io.thermocline.coldstore.parquet.ParquetFileFixture.hadoopPath;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.coldstore.scan.Predicates;
import io.thermocline.common.batch.BatchBuilder;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.testkit.TestSeed;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page headers are outside parquet's page CRCs: a flipped bit in one (a level length, a value
 * count, an encoding) re-splits checksummed bytes into wrong values. Flips one bit of every byte of
 * every page header of a small file with dictionary, fallback and data pages in two row groups, and
 * scans it whole and with a pushed-down range (column-index page skipping): each scan either
 * returns exactly the original rows or fails with a {@link CorruptFileException}; a whole scan,
 * which reads every chunk, always fails. Prints its seed; {@code -Dthermo.seed=N} replays it.
 */
class PageHeaderCorruptionTest {
  private static final Schema SCHEMA =
      Schema.of(
              Column.notNull("ts", DataType.TIMESTAMP),
              Column.nullable("i", DataType.INTEGER),
              Column.nullable("big", DataType.BIGINT),
              Column.notNull("d", DataType.DOUBLE),
              Column.nullable("s", DataType.varchar()))
          .withTimeColumn("ts");

  @RegisterExtension static final ParquetFileFixture files = new ParquetFileFixture();
  @TempDir Path dir;

  @Test
  void everyPageHeaderFlipIsRefusedOrHarmless(TestInfo info) throws Exception {
    long seed = TestSeed.resolve("PageHeaderCorruptionTest." + info.getDisplayName());
    Random random = new Random(seed);
    Path original = dir.resolve("original.parquet");
    int rows = 1_200;
    WriterSettings settings = new WriterSettings(1, 128L << 20, 600, 1 << 20, 150, false, true);
    VerifiedFooter footer =
        files.write(hadoopPath(original), SCHEMA, batch(random, rows), settings);
    assertThat(footer.footer().getBlocks()).hasSizeGreaterThan(1);
    int chunks = footer.footer().getBlocks().size() * SCHEMA.size();
    assertThat(footer.footer().getFileMetaData().getKeyValueMetaData().get(ChunkChecksums.KEY))
        .as("one CRC32C per chunk in the footer")
        .matches("1:[0-9a-f]{" + 8 * chunks + "}");
    FilterPredicate pushdown =
        FilterTranslator.translate(
            Predicates.pushNot(
                Predicates.bindToTable(
                    Expr.and(Expr.ge("ts", 700_000_000L), Expr.lt("ts", 800_000_000L)), SCHEMA)),
            SCHEMA,
            n -> true);
    List<String> wholeRows = scan(hadoopPath(original), footer, null);
    List<String> rangeRows = scan(hadoopPath(original), footer, pushdown);
    assertThat(wholeRows).hasSize(rows);
    assertThat(rangeRows).as("pages the column index kept").hasSizeBetween(100, rows / 2);

    byte[] bytes = Files.readAllBytes(original);
    List<long[]> headers = pageHeaders(bytes, footer);
    Path bad = dir.resolve("bad.parquet");
    int flips = 0;
    int rangeRefused = 0;
    for (long[] h : headers) {
      for (long at = h[0]; at < h[1]; at++) {
        byte[] copy = bytes.clone();
        copy[(int) at] ^= (byte) (1 << (at % 8));
        Files.write(bad, copy);
        String ctx = "[seed=" + seed + "] bit " + (at % 8) + " of byte " + at;
        assertThat(refused(ctx + ", whole", hadoopPath(bad), footer, null, wholeRows))
            .as(ctx + ", whole scan refused")
            .isTrue();
        if (refused(ctx + ", range", hadoopPath(bad), footer, pushdown, rangeRows)) {
          rangeRefused++;
        }
        flips++;
      }
    }
    System.out.println(
        "[PageHeaderCorruptionTest] "
            + headers.size()
            + " page headers, "
            + flips
            + " flips, "
            + rangeRefused
            + " refused by the range scan");
    assertThat(headers.size()).as("page headers").isGreaterThan(20);
    assertThat(rangeRefused).as("[seed=%d] range scans refused", seed).isPositive();
  }

  /** Scans the file; true if it failed as corrupt, else asserts it returned {@code expected}. */
  private static boolean refused(
      String ctx,
      org.apache.hadoop.fs.Path path,
      VerifiedFooter footer,
      FilterPredicate pushdown,
      List<String> expected) {
    List<String> got;
    try {
      got = scan(path, footer, pushdown);
    } catch (CorruptFileException e) {
      // The chunk check runs before parquet parses a header, so it is the check that refuses.
      assertThat(e.getMessage())
          .as(ctx)
          .contains(path.toString(), "column chunk checksum mismatch", "row group ", "column ");
      return true;
    }
    assertThat(got).as(ctx + ": rows of an unrefused scan").isEqualTo(expected);
    return false;
  }

  /** [start, end) of every page header, walking each chunk from its first page. */
  private static List<long[]> pageHeaders(byte[] file, VerifiedFooter footer) throws Exception {
    List<long[]> out = new ArrayList<>();
    for (BlockMetaData b : footer.footer().getBlocks()) {
      for (ColumnChunkMetaData c : b.getColumns()) {
        long pos = c.getStartingPos();
        long end = pos + c.getTotalSize();
        while (pos < end) {
          ByteArrayInputStream in = new ByteArrayInputStream(file, (int) pos, (int) (end - pos));
          int before = in.available();
          PageHeader h = Util.readPageHeader(in);
          long headerEnd = pos + before - in.available();
          out.add(new long[] {pos, headerEnd});
          pos = headerEnd + h.getCompressed_page_size();
        }
        assertThat(pos).as("pages of chunk %s end with it", c.getPath()).isEqualTo(end);
      }
    }
    return out;
  }

  private static List<String> scan(
      org.apache.hadoop.fs.Path path, VerifiedFooter footer, FilterPredicate pushdown) {
    List<ColumnBinding> bindings = ParquetFileFixture.bindAll(SCHEMA, footer, path);
    List<String> out = new ArrayList<>();
    try (ColdFileReader r =
        ColdFileReader.open(files.fs(), path, footer, bindings, pushdown, files.conf())) {
      for (RowChunk chunk = r.next(500); chunk != null; chunk = r.next(500)) {
        for (int i = 0; i < chunk.rows(); i++) {
          StringBuilder row = new StringBuilder().append(chunk.positions()[i]);
          for (ColumnVector v : chunk.vectors()) {
            row.append('|').append(render(v, i));
          }
          out.add(row.toString());
        }
      }
    }
    return out;
  }

  private static String render(ColumnVector v, int i) {
    if (v.isNull(i)) {
      return "NULL";
    }
    if (v instanceof LongVector l) {
      return Long.toString(l.get(i));
    }
    if (v instanceof DoubleVector d) {
      return Long.toHexString(Double.doubleToRawLongBits(d.get(i)));
    }
    return ((StringVector) v).get(i);
  }

  /** Low-cardinality first half, growing cardinality after: dictionary and fallback pages. */
  private static ColumnBatch batch(Random random, int rows) {
    BatchBuilder b = new BatchBuilder(SCHEMA, rows);
    for (int r = 0; r < rows; r++) {
      int card = r < rows / 2 ? 7 : 1 + r * 3;
      b.add(
          new Object[] {
            (long) r * 1_000_000L,
            random.nextInt(9) == 0 ? null : (long) random.nextInt(card) * 40_503,
            random.nextInt(5) == 0 ? null : random.nextLong() % 1_000_000_007L,
            random.nextInt(card) / 3.0,
            random.nextInt(7) == 0 ? null : "v" + random.nextInt(card)
          });
    }
    return b.build();
  }
}
