package io.thermocline.coldstore.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.batch.BatchBuilder;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the reader lets parquet's dictionary filter run: equality on a column with small
 * dictionaries (and there it still drops a row group its statistics keep), not for ranges only, not
 * when a column the predicate names has a large dictionary.
 */
class DictionaryPruningTest {
  private static final Schema SCHEMA =
      Schema.of(
              Column.notNull("ts", DataType.TIMESTAMP),
              Column.nullable("region", DataType.varchar()),
              Column.nullable("big", DataType.BIGINT))
          .withTimeColumn("ts");
  private static final int GROUP = 5_000;

  @RegisterExtension static final ParquetFileFixture files = new ParquetFileFixture();
  @TempDir Path dir;

  @Test
  void runsOnlyForEqualityOnSmallDictionariesAndStillDropsRowGroups() throws Exception {
    org.apache.hadoop.fs.Path path = ParquetFileFixture.hadoopPath(dir.resolve("d.parquet"));
    VerifiedFooter footer = write(path);
    List<BlockMetaData> blocks = footer.footer().getBlocks();
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).getColumns().get(2).hasDictionaryPage()).isTrue();

    FilterPredicate region = FilterApi.eq(FilterApi.binaryColumn("region"), Binary.fromString("b"));
    FilterPredicate range = FilterApi.lt(FilterApi.longColumn("ts"), 100L);
    FilterPredicate big = FilterApi.eq(FilterApi.longColumn("big"), 42L);
    assertThat(DictionaryPruning.worthwhile(region, blocks)).isTrue();
    assertThat(DictionaryPruning.worthwhile(FilterApi.and(region, range), blocks)).isTrue();
    assertThat(DictionaryPruning.worthwhile(range, blocks)).isFalse();
    assertThat(DictionaryPruning.worthwhile(big, blocks)).isFalse();
    assertThat(DictionaryPruning.worthwhile(FilterApi.or(region, big), blocks)).isFalse();
    assertThat(DictionaryPruning.worthwhile(null, blocks)).isFalse();

    List<ColumnBinding> bindings =
        ParquetTypes.bindOwn(
            SCHEMA, new int[] {0, 1}, footer.footer().getFileMetaData().getSchema(), "d");
    long rows = 0;
    try (ColdFileReader r =
        ColdFileReader.open(files.fs(), path, footer, bindings, region, files.conf())) {
      for (RowChunk c = r.next(4_096); c != null; c = r.next(4_096)) {
        assertThat(c.positions()[0])
            .as("the first row group is dropped")
            .isGreaterThanOrEqualTo(GROUP);
        rows += c.rows();
      }
    }
    assertThat(rows).isEqualTo(GROUP);
  }

  /** Row group 1: regions a and c (so min a, max c); row group 2: region b. */
  private static VerifiedFooter write(org.apache.hadoop.fs.Path path) throws Exception {
    Random random = new Random(7);
    // 3,000 distinct random values per row group: the dictionary pays, and is about 24 KB.
    long[] pool = new long[3_000];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = random.nextLong();
    }
    BatchBuilder b = new BatchBuilder(SCHEMA, 2 * GROUP);
    for (int i = 0; i < 2 * GROUP; i++) {
      String region = i >= GROUP ? "b" : (i % 2 == 0 ? "a" : "c");
      b.add((long) i, region, pool[random.nextInt(pool.length)]);
    }
    return files.write(path, SCHEMA, b.build(), WriterSettings.defaults().withRowGroupRows(GROUP));
  }
}
