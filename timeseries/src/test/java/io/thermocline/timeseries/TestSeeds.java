package io.thermocline.timeseries;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Seeds of this module's randomized tests: {@code -Dthermo.seed=N} replays a run, otherwise a fresh
 * random seed; every seed is printed with the flag that replays it.
 */
public final class TestSeeds {
  private TestSeeds() {}

  public static long resolve(String testName) {
    String fixed = System.getProperty("thermo.seed");
    long seed =
        fixed == null || fixed.isBlank()
            ? ThreadLocalRandom.current().nextLong()
            : Long.parseLong(fixed.trim());
    System.out.println(
        "[thermo.seed] "
            + testName
            + " seed="
            + seed
            + " (replay with -Dthermo.seed="
            + seed
            + ")");
    return seed;
  }

  public static boolean longMode() {
    return Boolean.getBoolean("thermo.test.long");
  }
}
