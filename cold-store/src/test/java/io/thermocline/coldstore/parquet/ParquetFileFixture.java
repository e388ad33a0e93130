package io.thermocline.coldstore.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.coldstore.fs.ColdFileSystems;
import io.thermocline.coldstore.scan.TimeOrder;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.schema.Schema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local Hadoop file system the Parquet tests of this package write and read their files on,
 * open for one test class (register it as a static {@code @RegisterExtension} field), and the steps
 * those tests share: writing a batch as a cold file and loading its footer as a reader verifies it,
 * binding every column of a schema, and checking that the bulk decoders and parquet's
 * value-at-a-time column readers return the same chunks. Used by the test class's one thread.
 */
final class ParquetFileFixture implements BeforeAllCallback, AfterAllCallback {
  private Configuration conf;
  private FileSystem fs;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    conf = new Configuration();
    fs = ColdFileSystems.open(URI.create("file:///"), conf);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    fs.close();
  }

  FileSystem fs() {
    return fs;
  }

  Configuration conf() {
    return conf;
  }

  static org.apache.hadoop.fs.Path hadoopPath(Path local) {
    return new org.apache.hadoop.fs.Path(local.toUri());
  }

  /** Writes {@code batch} in row order as a cold file at {@code path}; returns its footer. */
  VerifiedFooter write(
      org.apache.hadoop.fs.Path path, Schema schema, ColumnBatch batch, WriterSettings settings)
      throws IOException {
    ColdFileWriter.Written w =
        ColdFileWriter.write(
            fs, path, conf, schema, batch, TimeOrder.identity(batch.rowCount()), settings);
    return VerifiedFooter.load(fs, path, w.sizeBytes(), w.tailOffset(), w.tailCrc());
  }

  /** Every column of {@code schema}, in order, bound to the file's columns. */
  static List<ColumnBinding> bindAll(
      Schema schema, VerifiedFooter footer, org.apache.hadoop.fs.Path path) {
    return ParquetTypes.bindOwn(
        schema,
        IntStream.range(0, schema.size()).toArray(),
        footer.footer().getFileMetaData().getSchema(),
        path.toString());
  }

  /**
   * Reads both readers to the end, {@code batch} rows at a time, asserting the same positions,
   * NULLs and values (doubles bit for bit) and the same dictionary encoding of strings in every
   * chunk; returns the rows read. {@code columnName} names column {@code c} in messages.
   */
  static long assertSameChunks(
      String ctx,
      ColdFileReader bulk,
      ColdFileReader reference,
      int batch,
      IntFunction<String> columnName) {
    long rows = 0;
    while (true) {
      RowChunk a = bulk.next(batch);
      RowChunk b = reference.next(batch);
      if (a == null || b == null) {
        assertThat(a).as(ctx + ": both end together").isNull();
        assertThat(b).as(ctx + ": both end together").isNull();
        return rows;
      }
      assertThat(a.positions()).as(ctx + ": positions").isEqualTo(b.positions());
      for (int c = 0; c < b.vectors().length; c++) {
        assertSameVector(
            ctx + ", column " + columnName.apply(c) + " from position " + b.positions()[0],
            a.vectors()[c],
            b.vectors()[c],
            b.rows());
      }
      rows += b.rows();
    }
  }

  private static void assertSameVector(String ctx, ColumnVector a, ColumnVector b, int rows) {
    assertThat(a.getClass()).as(ctx).isEqualTo(b.getClass());
    assertThat(a.size()).as(ctx).isEqualTo(b.size());
    for (int r = 0; r < rows; r++) {
      assertThat(a.isNull(r)).as("%s: NULL at %d", ctx, r).isEqualTo(b.isNull(r));
      if (b.isNull(r)) {
        continue;
      }
      if (b instanceof LongVector lb) {
        assertThat(((LongVector) a).get(r)).as("%s at %d", ctx, r).isEqualTo(lb.get(r));
      } else if (b instanceof DoubleVector db) {
        assertThat(Double.doubleToRawLongBits(((DoubleVector) a).get(r)))
            .as("%s at %d", ctx, r)
            .isEqualTo(Double.doubleToRawLongBits(db.get(r)));
      } else {
        assertThat(((StringVector) a).get(r))
            .as("%s at %d", ctx, r)
            .isEqualTo(((StringVector) b).get(r));
      }
    }
    if (b instanceof StringVector sb) {
      assertThat(((StringVector) a).isDictionaryEncoded())
          .as(ctx + ": dictionary-encoded")
          .isEqualTo(sb.isDictionaryEncoded());
    }
  }
}
