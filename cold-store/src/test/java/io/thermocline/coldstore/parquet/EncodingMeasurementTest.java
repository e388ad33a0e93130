package io.thermocline.coldstore.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.testkit.TestSeed;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measurements behind the writer's encoding defaults, printed for the record: DOUBLE columns
 * written PLAIN, BYTE_STREAM_SPLIT and as the probe decides, on four kinds of data; integer columns
 * with a dictionary first versus DELTA_BINARY_PACKED directly. Asserts the probe's choice is never
 * meaningfully larger than the better forced choice.
 */
class EncodingMeasurementTest {
  private static final int ROWS = 200_000;
  @RegisterExtension static final ParquetFileFixture files = new ParquetFileFixture();
  @TempDir Path dir;

  @Test
  void byteStreamSplitIsChosenOnlyWhereItIsSmaller(TestInfo info) throws Exception {
    long seed = TestSeed.resolve("EncodingMeasurementTest." + info.getDisplayName());
    Random random = new Random(seed);
    double[] walk = new double[ROWS];
    double v = 20;
    for (int i = 0; i < ROWS; i++) {
      v += random.nextGaussian() * 0.05;
      walk[i] = Math.round(v * 100) / 100.0;
    }
    Map<String, IntToDoubleFunction> kinds = new LinkedHashMap<>();
    kinds.put("sensor random walk, 2 decimals", i -> walk[i]);
    kinds.put("smooth sine", i -> 230 + 5 * Math.sin(i / 500.0) + 1e-3 * Math.cos(i / 7.0));
    double[] uniform = random.doubles(ROWS).toArray();
    kinds.put("uniform random", i -> uniform[i]);
    kinds.put("100 distinct values", i -> (i * 7919 % 100) / 8.0);
    double[] magnitudes = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      magnitudes[i] = random.nextDouble() * Math.pow(10, random.nextInt(600) - 300);
    }
    kinds.put("random magnitudes 1e-300..1e300", i -> magnitudes[i]);
    double[] motif = random.doubles(40_000).toArray();
    kinds.put("5 repeats of 40,000 random values", i -> motif[i % motif.length] + (i / 40_000));
    for (Map.Entry<String, IntToDoubleFunction> k : kinds.entrySet()) {
      double[] values = new double[ROWS];
      for (int i = 0; i < ROWS; i++) {
        values[i] = k.getValue().applyAsDouble(i);
      }
      long plain = size(values, WriterSettings.defaults().withByteStreamSplit(false));
      long split = size(values, WriterSettings.defaults().withByteStreamSplit(true));
      long auto = size(values, WriterSettings.defaults());
      System.out.printf(
          "[seed=%d] DOUBLE %-32s PLAIN %,9d  BYTE_STREAM_SPLIT %,9d  probe's choice %,9d bytes"
              + " (%.2f bytes/value)%n",
          seed, k.getKey(), plain, split, auto, auto / (double) ROWS);
      assertThat(auto)
          .as("[seed=%d] %s: the probe's choice vs the better forced one", seed, k.getKey())
          .isLessThanOrEqualTo(Math.round(Math.min(plain, split) * 1.02));
    }
  }

  private long size(double[] values, WriterSettings settings) throws Exception {
    Schema schema =
        Schema.of(Column.notNull("t", DataType.TIMESTAMP), Column.notNull("v", DataType.DOUBLE))
            .withTimeColumn("t");
    long[] time = new long[values.length];
    for (int i = 0; i < time.length; i++) {
      time[i] = 1_700_000_000_000_000L + i * 60_000_000L;
    }
    ColumnBatch batch =
        new ColumnBatch(
            schema,
            values.length,
            new ColumnVector[] {
              new LongVector(DataType.TIMESTAMP, time, values.length, null),
              new DoubleVector(DataType.DOUBLE, values, values.length, null)
            });
    return columnBytes(write(schema, batch, settings), "v");
  }

  @Test
  void integerColumnsDictionaryFirstVersusDeltaBinaryPacked() throws Exception {
    Schema schema =
        Schema.of(
                Column.notNull("t", DataType.TIMESTAMP),
                Column.notNull("delay", DataType.BIGINT),
                Column.notNull("counter", DataType.BIGINT))
            .withTimeColumn("t");
    Random random = new Random(7);
    long[] time = new long[ROWS];
    long[] delay = new long[ROWS];
    long[] counter = new long[ROWS];
    long c = 1_000_000;
    for (int i = 0; i < ROWS; i++) {
      time[i] = 1_700_000_000_000_000L + i * 15 * 60_000_000L;
      delay[i] = Math.round(random.nextGaussian() * 30);
      c += random.nextInt(20);
      counter[i] = c;
    }
    ColumnBatch batch =
        new ColumnBatch(
            schema,
            ROWS,
            new ColumnVector[] {
              new LongVector(DataType.TIMESTAMP, time, ROWS, null),
              new LongVector(DataType.BIGINT, delay, ROWS, null),
              new LongVector(DataType.BIGINT, counter, ROWS, null)
            });
    VerifiedFooter dict = write(schema, batch, WriterSettings.defaults());
    VerifiedFooter delta =
        write(schema, batch, WriterSettings.defaults().withIntegerDictionary(false));
    for (String col : new String[] {"t", "delay", "counter"}) {
      System.out.printf(
          "BIGINT %-8s dictionary first %,9d  DELTA_BINARY_PACKED only %,9d bytes%n",
          col, columnBytes(dict, col), columnBytes(delta, col));
    }
    assertThat(columnBytes(dict, "t")).isLessThan(ROWS / 100);
  }

  private VerifiedFooter write(Schema schema, ColumnBatch batch, WriterSettings settings)
      throws Exception {
    Path p = dir.resolve("f" + System.nanoTime() + ".parquet");
    return files.write(ParquetFileFixture.hadoopPath(p), schema, batch, settings);
  }

  private static long columnBytes(VerifiedFooter file, String column) {
    long total = 0;
    for (BlockMetaData b : file.footer().getBlocks()) {
      for (ColumnChunkMetaData c : b.getColumns()) {
        if (c.getPath().toDotString().equals(column)) {
          total += c.getTotalSize();
        }
      }
    }
    return total;
  }
}
