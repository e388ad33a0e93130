package io.thermocline.coldstore.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.testkit.TestSeed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The aggregator's slot fast paths against its general path: the same rows as dictionary-encoded
 * strings (slots by id, groups cached per dictionary, dictionaries shared by several batches and
 * then changing) and as plain strings (general grouping) give the same groups in the same order
 * with the same values, NULL keys, NULL values, partial selections and empty selections included;
 * no GROUP BY (against grouping by a constant) too. Prints its seed; {@code -Dthermo.seed=N}
 * replays it.
 */
class BatchAggregatorTest {
  private static final Schema SCHEMA =
      Schema.of(
          Column.nullable("k", DataType.varchar()),
          Column.nullable("v", DataType.BIGINT),
          Column.nullable("d", DataType.DOUBLE),
          Column.nullable("s", DataType.varchar()),
          Column.notNull("c", DataType.varchar()));
  private static final AggregateCall[] CALLS = {
    AggregateCall.countStar(),
    AggregateCall.count("v"),
    AggregateCall.sum("v"),
    AggregateCall.avg("d"),
    AggregateCall.min("v"),
    AggregateCall.max("d"),
    AggregateCall.min("s"),
    AggregateCall.max("s")
  };

  @Test
  void dictionarySlotsMatchGeneralGrouping(TestInfo info) {
    long seed = TestSeed.resolve("BatchAggregatorTest." + info.getDisplayName());
    Random random = new Random(seed);
    for (int round = 0; round < 20; round++) {
      AggregateSpec grouped = AggregateSpec.of(List.of(GroupKey.column("k")), CALLS);
      AggregateSpec total = AggregateSpec.of(List.of(), CALLS);
      BatchAggregator dictionary = new BatchAggregator(grouped, SCHEMA);
      BatchAggregator plain = new BatchAggregator(grouped, SCHEMA);
      BatchAggregator none = new BatchAggregator(total, SCHEMA);
      BatchAggregator constantKey =
          new BatchAggregator(AggregateSpec.of(List.of(GroupKey.column("c")), CALLS), SCHEMA);
      String[] dict = dictionary(random);
      for (int b = 0; b < 8; b++) {
        if (random.nextInt(3) == 0) {
          dict = dictionary(random);
        }
        int n = 1 + random.nextInt(600);
        ColumnBatch[] pair = batches(random, dict, n);
        long[] selection = selection(random, n);
        dictionary.add(pair[0], selection);
        plain.add(pair[1], selection);
        none.add(pair[0], selection);
        constantKey.add(pair[1], selection);
      }
      String ctx = "[seed=" + seed + "] round " + round;
      assertSameRows(ctx + " grouped", dictionary.result().rows(), plain.result().rows());
      List<Object[]> expected = new ArrayList<>();
      for (Object[] r : constantKey.result().rows()) {
        expected.add(Arrays.copyOfRange(r, 1, r.length));
      }
      if (expected.isEmpty()) {
        expected.add(new Object[] {0L, 0L, null, null, null, null, null, null});
      }
      assertSameRows(ctx + " total", none.result().rows(), expected);
    }
  }

  private static void assertSameRows(String ctx, List<Object[]> a, List<Object[]> b) {
    assertThat(a).as(ctx + ": group count").hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).as(ctx + ": group " + i).containsExactly(b.get(i));
    }
  }

  /** Distinct entries, as in a Parquet dictionary. */
  private static String[] dictionary(Random random) {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      all.add("k" + i);
    }
    Collections.shuffle(all, random);
    return all.subList(0, 1 + random.nextInt(40)).toArray(new String[0]);
  }

  /** The same rows twice: key as dictionary ids, then as plain strings. */
  private static ColumnBatch[] batches(Random random, String[] dict, int n) {
    int[] ids = new int[n];
    String[] keys = new String[n];
    long[] keyNulls = NullBitmap.allocate(n);
    long[] v = new long[n];
    double[] d = new double[n];
    String[] s = new String[n];
    long[] valueNulls = NullBitmap.allocate(n);
    for (int i = 0; i < n; i++) {
      if (random.nextInt(10) == 0) {
        NullBitmap.set(keyNulls, i);
        ids[i] = random.nextInt(dict.length); // whatever lies under a NULL must not matter
      } else {
        ids[i] = random.nextInt(dict.length);
        keys[i] = dict[ids[i]];
      }
      if (random.nextInt(8) == 0) {
        NullBitmap.set(valueNulls, i);
      }
      v[i] = random.nextInt(1_000) - 500;
      d[i] = random.nextGaussian();
      s[i] = NullBitmap.get(valueNulls, i) ? null : "s" + random.nextInt(100);
    }
    ColumnVector value = new LongVector(DataType.BIGINT, v, n, valueNulls);
    ColumnVector dbl = new DoubleVector(DataType.DOUBLE, d, n, valueNulls);
    ColumnVector str = StringVector.plain(DataType.varchar(), s, n, valueNulls);
    ColumnVector byId = StringVector.dictionary(DataType.varchar(), ids, dict, n, keyNulls);
    ColumnVector byString = StringVector.plain(DataType.varchar(), keys, n, keyNulls);
    String[] x = new String[n];
    Arrays.fill(x, "x");
    ColumnVector constant = StringVector.plain(DataType.varchar(), x, n, null);
    return new ColumnBatch[] {
      new ColumnBatch(SCHEMA, n, new ColumnVector[] {byId, value, dbl, str, constant}),
      new ColumnBatch(SCHEMA, n, new ColumnVector[] {byString, value, dbl, str, constant})
    };
  }

  private static long[] selection(Random random, int n) {
    long[] sel = NullBitmap.allocate(n);
    int mode = random.nextInt(4); // 0 all, 1 some, 2 none, 3 most
    for (int i = 0; i < n; i++) {
      if (mode == 0 || (mode == 1 && random.nextInt(3) == 0) || (mode == 3 && i % 17 != 0)) {
        NullBitmap.set(sel, i);
      }
    }
    return sel;
  }
}
