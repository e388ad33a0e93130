package io.thermocline.engine.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.testkit.TestSeed;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The primary-key sets agree with a {@link HashSet} under random adds and removes (the primitive
 * set's backward-shift deletion included, with colliding keys and {@link Long#MIN_VALUE}), and the
 * kind of set follows the key's columns; a restart's bulk fill (presized, from the key column's
 * primitive array) holds the same keys and names the first repeated one.
 */
class KeySetTest {
  private static final Schema ONE_LONG =
      Schema.of(Column.notNull("id", DataType.BIGINT), Column.nullable("v", DataType.varchar(4)))
          .withPrimaryKey("id");

  @Test
  void theLongSetAgreesWithAHashSet(TestInfo info) {
    long seed = TestSeed.resolve("KeySetTest." + info.getDisplayName());
    Random rnd = new Random(seed);
    KeySet set = KeySet.forSchema(ONE_LONG);
    assertThat(set).isInstanceOf(LongKeySet.class);
    Set<Long> model = new HashSet<>();
    long[] pool = new long[2_000];
    for (int i = 0; i < pool.length; i++) {
      // clustered values and the free-slot marker collide and wrap around the table
      pool[i] = i < 5 ? Long.MIN_VALUE + i : rnd.nextInt(4) == 0 ? i * 1_024L : rnd.nextLong();
    }
    for (int step = 0; step < 200_000; step++) {
      long k = pool[rnd.nextInt(pool.length)];
      Object[] row = {k, null};
      KeySet one = set.emptyCopy();
      one.add(row);
      switch (rnd.nextInt(3)) {
        case 0 -> assertThat(set.add(row)).as("[seed=%d] add %d", seed, k).isEqualTo(model.add(k));
        case 1 -> {
          set.removeAll(one);
          model.remove(k);
        }
        default ->
            assertThat(set.contains(row))
                .as("[seed=%d] contains %d", seed, k)
                .isEqualTo(model.contains(k));
      }
      assertThat(set.size()).isEqualTo(model.size());
    }
    for (long k : pool) {
      assertThat(set.contains(new Object[] {k, null}))
          .as("[seed=%d] %d", seed, k)
          .isEqualTo(model.contains(k));
    }
  }

  @Test
  void aBulkFillFromTheKeyColumnHoldsTheSameKeys(TestInfo info) {
    long seed = TestSeed.resolve("KeySetTest." + info.getDisplayName());
    Random rnd = new Random(seed);
    KeySet set = KeySet.forSchema(ONE_LONG);
    assertThat(set.fillColumns()).containsExactly("id");
    set.reserve(50_000);
    Schema keyOnly = Schema.of(Column.notNull("id", DataType.BIGINT));
    Set<Long> model = new HashSet<>();
    while (model.size() < 50_000) {
      int n = 1 + rnd.nextInt(4_096);
      long[] keys = new long[n];
      int k = 0;
      while (k < n) {
        long v = rnd.nextInt(8) == 0 ? Long.MIN_VALUE + rnd.nextInt(3) : rnd.nextLong();
        if (model.add(v)) {
          keys[k++] = v;
        }
      }
      ColumnVector[] v = {new LongVector(DataType.BIGINT, keys, n, null)};
      assertThat(set.addRows(new ColumnBatch(keyOnly, n, v))).as("[seed=%d]", seed).isEqualTo(-1);
    }
    assertThat(set.size()).isEqualTo(model.size());
    for (long k : model) {
      assertThat(set.contains(new Object[] {k, null})).as("[seed=%d] %d", seed, k).isTrue();
    }
    long again = model.iterator().next();
    ColumnVector[] v = {
      new LongVector(DataType.BIGINT, new long[] {Long.MAX_VALUE - 7, again}, 2, null)
    };
    ColumnBatch twice = new ColumnBatch(keyOnly, 2, v);
    assertThat(set.addRows(twice)).isEqualTo(1);
    assertThat(set.describeFilled(twice, 1)).isEqualTo("(id)=(" + again + ")");
  }

  @Test
  void compositeAndStringKeysUseTuples() {
    Schema two =
        Schema.of(Column.notNull("a", DataType.INTEGER), Column.notNull("b", DataType.varchar(4)))
            .withPrimaryKey("a", "b");
    KeySet set = KeySet.forSchema(two);
    assertThat(set).isInstanceOf(TupleKeySet.class);
    assertThat(set.add(new Object[] {1L, "x"})).isTrue();
    assertThat(set.add(new Object[] {1L, "y"})).isTrue();
    assertThat(set.add(new Object[] {1L, "x"})).isFalse();
    KeySet gone = set.emptyCopy();
    gone.add(new Object[] {1L, "x"});
    set.removeAll(gone);
    assertThat(set.contains(new Object[] {1L, "x"})).isFalse();
    assertThat(set.size()).isEqualTo(1);
    assertThat(set.describe(new Object[] {1L, "y"})).isEqualTo("(a, b)=(1, y)");
    assertThat(
            KeySet.forSchema(
                Schema.of(Column.notNull("s", DataType.varchar(3))).withPrimaryKey("s")))
        .isInstanceOf(TupleKeySet.class);
    assertThat(KeySet.forSchema(Schema.of(Column.notNull("s", DataType.varchar(3))))).isNull();
    assertThat(List.of(set.keyNames)).isNotEmpty();
  }
}
