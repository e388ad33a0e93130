package io.thermocline.hotstore.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.MemoryUsage;
import io.thermocline.testkit.TestSeed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A series partition on sensor-like data: rows come back sorted by (key, period) after a merge,
 * on-grid runs are stored as grids (with missing elements), values round-trip bit-exactly, deletes
 * and snapshots behave as in a dictionary partition, and a point costs far less than a dictionary
 * main. Randomized; prints its seed ({@code -Dthermo.seed=N} replays).
 */
class SeriesMainTest {
  private static final long MINUTE = 60_000_000L;
  private static final long T0 = 1_700_000_000_000_000L / MINUTE * MINUTE;

  private static final Schema SCHEMA =
      Schema.of(
          Column.notNull("sensor", DataType.varchar(16)),
          Column.notNull("ts", DataType.TIMESTAMP),
          Column.nullable("temp", DataType.DOUBLE),
          Column.nullable("status", DataType.INTEGER));

  private static List<Object[]> sensorRows(Random random, int sensors, int points) {
    List<Object[]> rows = new ArrayList<>();
    for (int s = 0; s < sensors; s++) {
      double v = 20;
      for (int i = 0; i < points; i++) {
        v = Math.round((v + random.nextGaussian() * 0.3) * 10) / 10.0;
        if (random.nextInt(50) == 0) {
          continue; // a missing grid element
        }
        Object temp = random.nextInt(100) == 0 ? null : v;
        Object status = random.nextInt(200) == 0 ? null : (long) (random.nextInt(20) == 0 ? 1 : 0);
        rows.add(new Object[] {"s" + s, T0 + i * MINUTE, temp, status});
      }
    }
    return rows;
  }

  private static List<Object[]> scan(ColumnPartition p, ScanRequest r) {
    List<Object[]> out = new ArrayList<>();
    try (BatchCursor c = p.scan(r)) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        out.addAll(b.rows());
      }
    }
    return out;
  }

  private static final Comparator<Object[]> BY_KEY_AND_TIME =
      Comparator.<Object[], String>comparing(r -> (String) r[0]).thenComparing(r -> (Long) r[1]);

  @Test
  void mergedSeriesRoundTripsSortedAndCompact() {
    long seed = TestSeed.resolve("SeriesMainTest.mergedSeriesRoundTripsSortedAndCompact");
    System.out.println("[seed=" + seed + "]");
    Random random = new Random(seed);
    List<Object[]> rows = sensorRows(random, 7, 3_000);
    List<Object[]> shuffled = new ArrayList<>(rows);
    java.util.Collections.shuffle(shuffled, random);
    SeriesLayout layout = SeriesLayout.of(SCHEMA, List.of("sensor"), "ts", MINUTE);
    try (ColumnPartition p = new ColumnPartition("sensors", SCHEMA, Config.defaults(), layout);
        ColumnPartition plain = new ColumnPartition("plain", SCHEMA, Config.defaults())) {
      p.insertRows(1, shuffled.subList(0, shuffled.size() / 2));
      p.mergeDelta(1);
      p.insertRows(2, shuffled.subList(shuffled.size() / 2, shuffled.size()));
      p.mergeDelta(2);
      plain.insertRows(1, rows);
      plain.mergeDelta(1);
      SeriesMain main = p.seriesMain();
      assertThat(main).as("seed %d", seed).isNotNull();
      assertThat(main.rowCount()).isEqualTo(rows.size());
      assertThat(main.equidistantRuns()).as("seed %d", seed).isEqualTo(main.runs());
      List<Object[]> expected = new ArrayList<>(rows);
      expected.sort(BY_KEY_AND_TIME);
      assertThat(scan(p, ScanRequest.at(2)))
          .as("seed %d", seed)
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyElementsOf(expected);

      Expr window = Expr.between("ts", T0 + 100 * MINUTE, T0 + 200 * MINUTE);
      assertThat(scan(p, ScanRequest.at(2).withFilter(window)))
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyInAnyOrderElementsOf(scan(plain, ScanRequest.at(1).withFilter(window)));
      AggregateSpec spec =
          AggregateSpec.of(
              List.of(GroupKey.column("sensor")),
              AggregateCall.countStar(),
              AggregateCall.sum("temp"),
              AggregateCall.min("ts"),
              AggregateCall.max("temp"),
              AggregateCall.count("status"));
      assertThat(p.aggregate(ScanRequest.at(2), spec).rows())
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyInAnyOrderElementsOf(plain.aggregate(ScanRequest.at(1), spec).rows());

      MemoryUsage series = p.memoryUsage();
      MemoryUsage dictionary = plain.memoryUsage();
      double seriesPerPoint = (double) series.mainBytes() / rows.size();
      double plainPerPoint = (double) dictionary.mainBytes() / rows.size();
      System.out.printf(
          "[seed=%d] main bytes/row: series %.2f, dictionary %.2f%n",
          seed, seriesPerPoint, plainPerPoint);
      assertThat(seriesPerPoint).as("seed %d", seed).isLessThan(plainPerPoint);
      assertThat(series.columns())
          .allSatisfy(c -> assertThat(c.valueIdBytes()).as(c.column()).isPositive());
      assertThat(series.columns().get(0).dictionaryBytes()).as("sensor dictionary").isPositive();
    }
  }

  @Test
  void deletesAndSnapshotsSurviveMerges() {
    long seed = TestSeed.resolve("SeriesMainTest.deletesAndSnapshotsSurviveMerges");
    System.out.println("[seed=" + seed + "]");
    Random random = new Random(seed);
    List<Object[]> rows = sensorRows(random, 3, 5_000);
    SeriesLayout layout = SeriesLayout.of(SCHEMA, List.of("sensor"), "ts", MINUTE);
    try (ColumnPartition p = new ColumnPartition("sensors", SCHEMA, Config.defaults(), layout)) {
      p.insertRows(1, rows);
      p.mergeDelta(0);
      Expr old = Expr.lt("ts", T0 + 1_000 * MINUTE);
      long ended = p.endRows(3, 2, old);
      assertThat(ended)
          .isEqualTo(rows.stream().filter(r -> (Long) r[1] < T0 + 1_000 * MINUTE).count());
      // Snapshot 2 is still live: the merge keeps the ended rows for it.
      p.mergeDelta(2);
      assertThat(p.rowCount(2)).isEqualTo(rows.size());
      assertThat(p.rowCount(3)).isEqualTo(rows.size() - ended);
      ColumnBatch moved = p.endRowsReturning(4, 3, Expr.eq("sensor", "s1"), 100);
      assertThat(moved.rowCount()).isEqualTo(100);
      assertThat(p.abort(4)).isEqualTo(100);
      assertThat(p.rowCount(4)).isEqualTo(rows.size() - ended);
      p.mergeDelta(3);
      assertThat(p.mainRowCount()).isEqualTo(rows.size() - ended);
      assertThat(scan(p, ScanRequest.at(3).withFilter(old))).isEmpty();
      assertThat(p.seriesMain().equidistantRuns()).isEqualTo(p.seriesMain().runs());
    }
  }
}
