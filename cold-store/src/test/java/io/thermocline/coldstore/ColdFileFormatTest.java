package io.thermocline.coldstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.coldstore.meta.MetaView;
import io.thermocline.coldstore.parquet.ColdFileReader;
import io.thermocline.coldstore.parquet.FilterTranslator;
import io.thermocline.coldstore.parquet.ParquetTypes;
import io.thermocline.coldstore.parquet.RowChunk;
import io.thermocline.coldstore.parquet.VerifiedFooter;
import io.thermocline.coldstore.scan.Predicates;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cold file looks like inside: ZSTD chunks, statistics, column and offset indexes, the time
 * column DELTA_BINARY_PACKED and sorted (so row groups cover ascending time ranges), and that the
 * column index really prunes pages: a narrow time filter reads a small fraction of the rows.
 */
class ColdFileFormatTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void filesAreSortedZstdWithIndexesAndPrunePages() {
    Schema schema =
        Schema.of(
                Column.notNull("ts", DataType.TIMESTAMP),
                Column.nullable("v", DataType.BIGINT),
                Column.nullable("s", DataType.varchar(8)))
            .withTimeColumn("ts");
    Config config =
        Config.defaults()
            .with(ColdSettings.ROW_GROUP_ROWS, 10_000)
            .with(ColdSettings.PAGE_ROWS, 500);
    try (ColdStore store = ColdStore.open(dir, config)) {
      ColdTable t = store.table("fmt", schema);
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 40_000; i++) {
        // written in reverse time order: the writer sorts
        rows.add(new Object[] {1_000_000L * (40_000 - i), (long) (i % 97), "s" + (i % 5)});
      }
      t.writeFile(1, ColdTestData.batch(t, rows));
      FileEntry f;
      try (MetaView view = store.meta().view()) {
        f = t.files(view).get(0);
      }
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(store.rootPath(), f.path());
      VerifiedFooter footer =
          VerifiedFooter.load(store.fileSystem(), path, f.sizeBytes(), f.tailOffset(), f.tailCrc());
      long lastMax = Long.MIN_VALUE;
      assertThat(footer.footer().getBlocks()).hasSize(4);
      for (BlockMetaData b : footer.footer().getBlocks()) {
        for (ColumnChunkMetaData c : b.getColumns()) {
          assertThat(c.getCodec()).isEqualTo(CompressionCodecName.ZSTD);
          assertThat(c.getStatistics().isEmpty()).isFalse();
          assertThat(c.getColumnIndexReference()).as("column index of " + c.getPath()).isNotNull();
          assertThat(c.getOffsetIndexReference()).as("offset index of " + c.getPath()).isNotNull();
        }
        ColumnChunkMetaData ts = b.getColumns().get(0);
        assertThat(ts.getEncodings()).contains(Encoding.DELTA_BINARY_PACKED);
        long min = (Long) ts.getStatistics().genericGetMin();
        assertThat(min).isGreaterThan(lastMax);
        lastMax = (Long) ts.getStatistics().genericGetMax();
      }

      Expr narrow =
          Predicates.pushNot(
              Predicates.bindToTable(
                  Expr.between("ts", 1_000_000L * 12_100, 1_000_000L * 12_300), schema));
      long read = 0;
      try (ColdFileReader r =
          ColdFileReader.open(
              store.fileSystem(),
              path,
              footer,
              ParquetTypes.bindOwn(
                  schema,
                  new int[] {0, 1, 2},
                  footer.footer().getFileMetaData().getSchema(),
                  path.toString()),
              FilterTranslator.translate(narrow, schema, n -> true),
              store.conf())) {
        for (RowChunk c = r.next(4096); c != null; c = r.next(4096)) {
          read += c.rows();
          assertThat(c.positions()[0]).isGreaterThanOrEqualTo(12_000);
        }
      }
      assertThat(read).as("rows read through page pruning").isBetween(201L, 1_000L);
    }
  }
}
