package io.thermocline.coldstore.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.coldstore.scan.Predicates;
import io.thermocline.common.batch.BatchBuilder;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.testkit.TestSeed;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk page decoders end to end: random cold files of every column type (NULLs, all-NULL
 * columns, a single value, long runs, low and high cardinality so dictionaries fall back to
 * DELTA_BINARY_PACKED, DELTA_BYTE_ARRAY, PLAIN or BYTE_STREAM_SPLIT mid-chunk) with random row
 * group and page sizes, read by {@link ColdFileReader} through {@link ColumnChunkDecoder} and
 * through parquet's value-at-a-time column readers: same rows, same positions, same NULLs, the same
 * dictionary-encoded strings, whole row groups and column-index-filtered ones alike. Prints its
 * seed; {@code -Dthermo.seed=N} replays it.
 */
class ColumnChunkDecoderTest {
  private static final Schema SCHEMA =
      Schema.of(
              Column.notNull("ts", DataType.TIMESTAMP),
              Column.nullable("flag", DataType.BOOLEAN),
              Column.nullable("i", DataType.INTEGER),
              Column.notNull("day", DataType.DATE),
              Column.nullable("big", DataType.BIGINT),
              Column.nullable("amount", DataType.decimal(12, 2)),
              Column.nullable("d", DataType.DOUBLE),
              Column.notNull("dn", DataType.DOUBLE),
              Column.nullable("s", DataType.varchar()),
              Column.notNull("sn", DataType.varchar()))
          .withTimeColumn("ts");

  @RegisterExtension static final ParquetFileFixture files = new ParquetFileFixture();
  @TempDir Path dir;

  @Test
  void bulkDecodingMatchesParquetColumnReaders(TestInfo info) throws Exception {
    long seed = TestSeed.resolve("ColumnChunkDecoderTest." + info.getDisplayName());
    Random random = new Random(seed);
    int fileCount = TestSeed.longMode() ? 60 : 12;
    Set<String> mixed = new TreeSet<>();
    for (int f = 0; f < fileCount; f++) {
      int rows = random.nextInt(10) == 0 ? 1 + random.nextInt(5) : 1 + random.nextInt(12_000);
      int[] shapes = new int[SCHEMA.size()];
      for (int c = 0; c < shapes.length; c++) {
        shapes[c] = random.nextInt(8);
      }
      WriterSettings settings =
          new WriterSettings(
              1,
              128L << 20,
              100 + random.nextInt(8_000),
              random.nextBoolean() ? 1 << 20 : 512 + random.nextInt(4_096),
              20 + random.nextInt(3_000),
              random.nextInt(3) == 0 ? null : random.nextBoolean(),
              random.nextBoolean());
      if (f == 0) {
        // Growing dictionaries in small pages: every dictionary column falls back mid-chunk.
        rows = 12_000;
        Arrays.fill(shapes, 7);
        settings = new WriterSettings(1, 128L << 20, 100_000, 4_096, 200, false, true);
      }
      String ctx = "[seed=" + seed + "] file " + f + " of " + rows + " rows, " + settings;
      org.apache.hadoop.fs.Path path =
          ParquetFileFixture.hadoopPath(dir.resolve("f" + f + ".parquet"));
      VerifiedFooter footer = files.write(path, SCHEMA, batch(random, rows, shapes), settings);
      for (BlockMetaData b : footer.footer().getBlocks()) {
        for (ColumnChunkMetaData c : b.getColumns()) {
          EncodingStats stats = c.getEncodingStats();
          if (stats.hasDictionaryEncodedPages() && stats.hasNonDictionaryEncodedPages()) {
            mixed.add(c.getPath().toDotString());
          }
        }
      }
      compare(ctx + ", whole", path, footer, null, 1 + random.nextInt(5_000));
      long from = random.nextInt(rows) * 1_000_000L;
      long to = from + random.nextInt(Math.max(1, rows / 3)) * 1_000_000L;
      Expr range = Expr.and(Expr.ge("ts", from), Expr.lt("ts", to));
      FilterPredicate pushdown =
          FilterTranslator.translate(
              Predicates.pushNot(Predicates.bindToTable(range, SCHEMA)), SCHEMA, n -> true);
      compare(ctx + ", ts in [" + from + ", " + to + ")", path, footer, pushdown, 4_096);
    }
    assertThat(mixed)
        .as("[seed=" + seed + "] chunks with dictionary and fallback pages")
        .contains("i", "big", "amount", "d", "s", "sn");
  }

  private void compare(
      String ctx,
      org.apache.hadoop.fs.Path path,
      VerifiedFooter footer,
      FilterPredicate pushdown,
      int batch) {
    List<ColumnBinding> bindings = ParquetFileFixture.bindAll(SCHEMA, footer, path);
    for (ColumnBinding b : bindings) {
      assertThat(ColumnChunkDecoder.supports(b, b.descriptor())).as(ctx + ": " + b).isTrue();
    }
    try (ColdFileReader bulk =
            ColdFileReader.open(files.fs(), path, footer, bindings, pushdown, files.conf(), true);
        ColdFileReader reference =
            ColdFileReader.open(
                files.fs(), path, footer, bindings, pushdown, files.conf(), false)) {
      ParquetFileFixture.assertSameChunks(
          ctx, bulk, reference, batch, c -> SCHEMA.column(c).name());
    }
  }

  /**
   * Shapes: 0 random, 1 low cardinality, 2 long runs, 3 a single value, 4 mostly NULL, 5 all NULL,
   * 6 high cardinality, 7 cardinality growing with the row. NOT NULL columns never get NULLs.
   */
  private static ColumnBatch batch(Random random, int rows, int[] shapes) {
    BatchBuilder b = new BatchBuilder(SCHEMA, rows);
    Object[][] runValue = new Object[SCHEMA.size()][1];
    for (int r = 0; r < rows; r++) {
      Object[] row = new Object[SCHEMA.size()];
      row[0] = (long) r * 1_000_000L;
      for (int c = 1; c < row.length; c++) {
        Column col = SCHEMA.column(c);
        int shape = shapes[c];
        boolean isNull =
            col.nullable()
                && (shape == 5
                    || (shape == 4 && random.nextInt(10) != 0)
                    || random.nextInt(8) == 0);
        if (isNull) {
          continue;
        }
        if (shape == 2 && runValue[c][0] != null && random.nextInt(500) != 0) {
          row[c] = runValue[c][0];
          continue;
        }
        int cardinality =
            switch (shape) {
              case 1 -> 12;
              case 3 -> 1;
              case 6 -> Integer.MAX_VALUE;
              case 7 -> 1 + r / 4;
              default -> 1 + random.nextInt(2_000);
            };
        row[c] = value(col.type(), random, cardinality);
        runValue[c][0] = row[c];
      }
      b.add(row);
    }
    return b.build();
  }

  private static Object value(DataType type, Random random, int cardinality) {
    long k = cardinality == Integer.MAX_VALUE ? random.nextLong() : random.nextInt(cardinality);
    return switch (type.kind()) {
      case BOOLEAN -> k & 1;
      case INTEGER -> (long) (int) (k * 2_654_435_761L);
      case DATE -> (k & 0xFFFF) - 20_000;
      case BIGINT -> k * 1_000_003L;
      case DECIMAL -> k % 1_000_000_000L;
      case DOUBLE -> cardinality == 1 ? 2.5 : k / 7.0 + (cardinality > 2_000 ? Math.sin(k) : 0);
      default -> "v" + Long.toHexString(k) + (cardinality > 2_000 ? "-" + k % 1_000 : "");
    };
  }
}
