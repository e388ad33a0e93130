package io.thermocline.engine.txn;

import static org.assertj.core.api.Assertions.assertThat;

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
 * kind of set follows the key's columns.
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
