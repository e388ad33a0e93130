package io.thermocline.hotstore.demo;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Loads {@code rows} sensor readings (default 2,000,000: 50 sensors, one reading a minute) into a
 * hot column partition, merges the delta, prints the memory per column and runs grouped aggregates,
 * a filtered count and a snapshot read that does not see a later delete.
 */
public final class HotStoreDemo {
  private static final long MINUTE = 60_000_000L;

  private HotStoreDemo() {}

  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 2_000_000L;
    Schema schema =
        new Schema(
            List.of(
                Column.notNull("ts", DataType.TIMESTAMP),
                Column.notNull("sensor", DataType.varchar(16)),
                Column.nullable("temperature", DataType.DOUBLE),
                Column.nullable("humidity", DataType.DOUBLE)),
            List.of(),
            "ts");
    try (ColumnPartition hot = new ColumnPartition("readings", schema, Config.defaults())) {
      long cid = 0;
      long start = System.nanoTime();
      SplittableRandom random = new SplittableRandom(7);
      for (long done = 0; done < rows; done += 4096) {
        hot.insert(++cid, batch(schema, done, (int) Math.min(4096, rows - done), random));
      }
      long appended = System.nanoTime();
      hot.mergeDelta(cid);
      long merged = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "loaded %,d rows: append %.0f ms, delta merge %.0f ms (%.1f M rows/s overall)%n",
          rows,
          (appended - start) / 1e6,
          (merged - appended) / 1e6,
          rows / ((merged - start) / 1e3));
      MemoryUsage mem = hot.memoryUsage();
      for (int c = 0; c < schema.size(); c++) {
        System.out.printf(
            Locale.ROOT,
            "  %-12s %,12d bytes%n",
            schema.column(c).name(),
            mem.columns().get(c).totalBytes());
      }
      System.out.printf(
          Locale.ROOT,
          "  total        %,12d bytes = %.1f bytes/row%n",
          mem.totalBytes(),
          (double) mem.totalBytes() / rows);

      long snapshot = cid;
      AggregateSpec perSensor =
          AggregateSpec.of(
              List.of(GroupKey.column("sensor")),
              AggregateCall.countStar(),
              AggregateCall.avg("temperature"),
              AggregateCall.max("humidity"));
      long t = System.nanoTime();
      List<Object[]> groups = hot.aggregate(ScanRequest.at(snapshot), perSensor).rows();
      System.out.printf(
          Locale.ROOT,
          "%nper sensor (first 5 of %d groups, %.1f ms):%n",
          groups.size(),
          (System.nanoTime() - t) / 1e6);
      groups.stream()
          .limit(5)
          .forEach(
              r ->
                  System.out.printf(
                      Locale.ROOT,
                      "  %-10s count=%d avg(temperature)=%.2f max(humidity)=%.1f%n",
                      r[0],
                      r[1],
                      r[2],
                      r[3]));

      Expr hotReadings = Expr.gt("temperature", 28.0);
      AggregateSpec count = AggregateSpec.of(List.of(), AggregateCall.countStar());
      Object before =
          hot.aggregate(ScanRequest.at(snapshot).withFilter(hotReadings), count).rows().get(0)[0];
      long deleted = hot.endRows(++cid, cid - 1, hotReadings);
      Object after =
          hot.aggregate(ScanRequest.at(cid).withFilter(hotReadings), count).rows().get(0)[0];
      Object old =
          hot.aggregate(ScanRequest.at(snapshot).withFilter(hotReadings), count).rows().get(0)[0];
      System.out.printf(
          Locale.ROOT,
          "%nreadings above 28.0: %s; deleted %,d at commit %d; now %s; snapshot %d still sees %s%n",
          before,
          deleted,
          cid,
          after,
          snapshot,
          old);
    }
  }

  private static ColumnBatch batch(Schema schema, long first, int n, SplittableRandom random) {
    long[] ts = new long[n];
    String[] sensor = new String[n];
    double[] temperature = new double[n];
    double[] humidity = new double[n];
    for (int i = 0; i < n; i++) {
      long row = first + i;
      ts[i] = 1_704_067_200_000_000L + (row / 50) * MINUTE;
      sensor[i] = SENSORS[(int) (row % 50)];
      temperature[i] =
          Math.round(
                  (18 + (row % 50) * 0.1 + 8 * Math.sin(row / 50 / 720.0) + random.nextDouble())
                      * 10)
              / 10.0;
      humidity[i] = Math.round((40 + 20 * random.nextDouble()) * 10) / 10.0;
    }
    return new ColumnBatch(
        schema,
        n,
        new ColumnVector[] {
          new LongVector(DataType.TIMESTAMP, ts, n, null),
          StringVector.plain(schema.column(1).type(), sensor, n, null),
          new DoubleVector(DataType.DOUBLE, temperature, n, null),
          new DoubleVector(DataType.DOUBLE, humidity, n, null)
        });
  }

  private static final String[] SENSORS = new String[50];

  static {
    for (int i = 0; i < SENSORS.length; i++) {
      SENSORS[i] = "sensor-" + i;
    }
  }
}
