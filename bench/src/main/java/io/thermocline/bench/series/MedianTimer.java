package io.thermocline.bench.series;

import java.util.Arrays;

/**
 * Times a task as points per second: warm-up calls first (the JIT compiles what is measured), then
 * the median of timed runs. A run repeats the task until it lasts at least {@link #MIN_RUN_NANOS},
 * so small series are not timed at the clock's resolution; a slow task gets fewer warm-ups and runs
 * so that one measurement stays within {@link #BUDGET_NANOS}. Single-threaded.
 */
final class MedianTimer {
  static final long MIN_RUN_NANOS = 50_000_000L;
  static final long BUDGET_NANOS = 20_000_000_000L;

  private final int warmups;
  private final int runs;

  /** What the tasks returned, kept so that no call can be optimized away. */
  private long sink;

  MedianTimer(int warmups, int runs) {
    this.warmups = Math.max(1, warmups);
    this.runs = Math.max(1, runs);
  }

  /** A task whose result feeds the sink. */
  interface Task {
    long call();
  }

  /** Points per second of {@code task}, which handles {@code points} points per call. */
  double pointsPerSecond(long points, Task task) {
    long first = time(task, 1);
    int reps = (int) Math.max(1, Math.min(1_000_000, MIN_RUN_NANOS / Math.max(1, first)));
    long perRun = Math.max(first, 1) * reps;
    int w = warmups - 1;
    int r = runs;
    if (perRun * (w + r) > BUDGET_NANOS) {
      w = 0;
      r = (int) Math.max(1, Math.min(runs, BUDGET_NANOS / perRun));
    }
    for (int i = 0; i < w; i++) {
      time(task, reps);
    }
    long[] samples = new long[r];
    for (int i = 0; i < r; i++) {
      samples[i] = time(task, reps);
    }
    Arrays.sort(samples);
    long median = samples[r / 2];
    return points * (double) reps / (median / 1e9);
  }

  long sink() {
    return sink;
  }

  private long time(Task task, int reps) {
    long start = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      sink += task.call();
    }
    return System.nanoTime() - start;
  }
}
