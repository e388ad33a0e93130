package io.thermocline.engine.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.testkit.TestSeed;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Both period sets against {@link HashSet} under random adds, removes and lookups: values from a
 * small range (long probe chains, wrap-around, backward-shift deletion, pages emptied and
 * refilled), the hash set's free-slot sentinel {@code Long.MIN_VALUE} and, for the grid, values off
 * the grid and far from the origin. Prints its seed.
 */
class PeriodSetTest {
  @Test
  void hashPeriodsBehaveLikeAHashSet() {
    check(new HashPeriods(), "PeriodSetTest.hashPeriodsBehaveLikeAHashSet");
  }

  @Test
  void gridPeriodsBehaveLikeAHashSet() {
    check(
        new GridPeriods(450_000_000L, 900_000_000L), "PeriodSetTest.gridPeriodsBehaveLikeAHashSet");
  }

  private static void check(PeriodSet set, String name) {
    long seed = TestSeed.resolve(name);
    System.out.println("[seed=" + seed + "]");
    Random random = new Random(seed);
    Set<Long> reference = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      long v =
          switch (random.nextInt(50)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE - random.nextInt(3);
            case 2 -> random.nextInt(10_000) * 7L;
            default -> 450_000_000L + (random.nextInt(12_000) - 6_000) * 900_000_000L;
          };
      switch (random.nextInt(3)) {
        case 0 -> assertThat(set.add(v)).as("add %d, seed %d", v, seed).isEqualTo(reference.add(v));
        case 1 ->
            assertThat(set.remove(v))
                .as("remove %d, seed %d", v, seed)
                .isEqualTo(reference.remove(v));
        default ->
            assertThat(set.contains(v))
                .as("contains %d, seed %d", v, seed)
                .isEqualTo(reference.contains(v));
      }
      assertThat(set.size()).as("seed %d", seed).isEqualTo(reference.size());
    }
    Set<Long> seen = new HashSet<>();
    set.forEach(seen::add);
    assertThat(seen).as("seed %d", seed).isEqualTo(reference);
  }
}
