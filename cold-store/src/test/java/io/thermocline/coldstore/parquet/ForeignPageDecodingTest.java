package io.thermocline.coldstore.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.testkit.TestSeed;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Random;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk decoders on files other writers produced, as import reads them: parquet-mr with data
 * pages v1 (levels with a length prefix, PLAIN_DICTIONARY, PLAIN booleans) and v2, with and without
 * dictionaries, uncompressed and compressed, and DuckDB; a FLOAT column that stays on parquet's
 * column reader sits in the same row groups. Compared with parquet's value-at-a-time readers.
 * Prints its seed; {@code -Dthermo.seed=N} replays it.
 */
class ForeignPageDecodingTest {
  private static final MessageType SCHEMA =
      Types.buildMessage()
          .optional(PrimitiveTypeName.INT32)
          .named("i")
          .required(PrimitiveTypeName.INT64)
          .named("l")
          .optional(PrimitiveTypeName.DOUBLE)
          .named("d")
          .optional(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("s")
          .optional(PrimitiveTypeName.BOOLEAN)
          .named("b")
          .optional(PrimitiveTypeName.FLOAT)
          .named("f")
          .named("foreign");

  @RegisterExtension static final ParquetFileFixture files = new ParquetFileFixture();
  @TempDir Path dir;

  @Test
  void parquetMrFilesDecodeAsParquetReadsThem(TestInfo info) throws Exception {
    long seed = TestSeed.resolve("ForeignPageDecodingTest." + info.getDisplayName());
    Random random = new Random(seed);
    int n = 0;
    for (WriterVersion version : WriterVersion.values()) {
      for (boolean dictionary : new boolean[] {true, false}) {
        org.apache.hadoop.fs.Path path =
            ParquetFileFixture.hadoopPath(dir.resolve("mr" + n++ + ".parquet"));
        int rows = 1 + random.nextInt(20_000);
        try (ParquetWriter<Group> w =
            ExampleParquetWriter.builder(path)
                .withConf(files.conf())
                .withType(SCHEMA)
                .withWriterVersion(version)
                .withDictionaryEncoding(dictionary)
                .withDictionaryPageSize(1_024 + random.nextInt(8_192))
                .withPageRowCountLimit(50 + random.nextInt(5_000))
                .withRowGroupRowCountLimit(100 + random.nextInt(10_000))
                .withCompressionCodec(
                    random.nextBoolean()
                        ? CompressionCodecName.UNCOMPRESSED
                        : CompressionCodecName.ZSTD)
                .build()) {
          SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
          int cardinality = random.nextBoolean() ? 10 : 100_000;
          for (int r = 0; r < rows; r++) {
            Group g = groups.newGroup();
            int k = random.nextInt(cardinality);
            if (random.nextInt(6) != 0) {
              g.append("i", k - cardinality / 2);
            }
            g.append("l", (long) k * 1_000_003L);
            if (random.nextInt(6) != 0) {
              g.append("d", k / 3.0);
            }
            if (random.nextInt(6) != 0) {
              g.append("s", "s" + k);
            }
            if (random.nextInt(6) != 0) {
              g.append("b", (k & 1) == 0);
            }
            if (random.nextInt(6) != 0) {
              g.append("f", k / 7.0f);
            }
            w.write(g);
          }
        }
        compare("[seed=" + seed + "] " + version + " dictionary " + dictionary, path);
      }
    }
  }

  @Test
  void duckDbFilesDecodeAsParquetReadsThem() throws Exception {
    Path file = dir.resolve("duck.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "COPY (SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 1000)::INTEGER END AS i,"
              + " i::BIGINT AS l,"
              + " CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3.0 END::DOUBLE AS d,"
              + " CASE WHEN i % 3 = 0 THEN NULL ELSE 'k' || (i % 50) END AS s,"
              + " i % 2 = 0 AS b"
              + " FROM range(30000) t(i)) TO '"
              + file
              + "' (FORMAT parquet, ROW_GROUP_SIZE 8192)");
    }
    compare("DuckDB", ParquetFileFixture.hadoopPath(file));
  }

  private static void compare(String ctx, org.apache.hadoop.fs.Path path) {
    try (ColdFileReader bulk = ColdFileReader.openForeign(files.fs(), path, files.conf(), true);
        ColdFileReader reference =
            ColdFileReader.openForeign(files.fs(), path, files.conf(), false)) {
      for (ColumnBinding b : bulk.bindings()) {
        assertThat(ColumnChunkDecoder.supports(b, b.descriptor()))
            .as(ctx + ": decoded in bulk: " + b.name())
            .isEqualTo(!b.name().equals("f"));
      }
      long rows =
          ParquetFileFixture.assertSameChunks(
              ctx, bulk, reference, 3_000, c -> bulk.bindings().get(c).name());
      assertThat(rows).as(ctx + ": rows").isPositive();
    }
  }
}
