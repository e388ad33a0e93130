package io.thermocline.testkit;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The seed of a randomized test: {@code -Dthermo.seed=N} replays a run, otherwise a fresh random
 * seed. Every resolved seed is printed so a failing run can be replayed; tests also put it into
 * their assertion messages. Stateless and thread-safe.
 */
public final class TestSeed {
  /** System property that fixes the seed of every randomized test. */
  public static final String PROPERTY = "thermo.seed";

  /** System property that enables the long loops ({@code -Plong}). */
  public static final String LONG_PROPERTY = "thermo.test.long";

  private TestSeed() {}

  /** The seed for {@code testName}, printed to System.out with the replay flag. */
  public static long resolve(String testName) {
    String fixed = System.getProperty(PROPERTY);
    long seed =
        fixed == null || fixed.isBlank()
            ? ThreadLocalRandom.current().nextLong()
            : Long.parseLong(fixed.trim());
    System.out.println(
        "[thermo.seed] "
            + testName
            + " seed="
            + seed
            + " (replay with -D"
            + PROPERTY
            + "="
            + seed
            + ")");
    return seed;
  }

  /** Whether the long randomized loops are enabled ({@code -Plong}). */
  public static boolean longMode() {
    return Boolean.getBoolean(LONG_PROPERTY);
  }
}
