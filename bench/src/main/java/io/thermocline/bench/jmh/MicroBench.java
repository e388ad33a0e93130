package io.thermocline.bench.jmh;

import io.thermocline.bench.report.MultiPeerTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of this package (forked JVMs, JMH's own warm-up and iterations) and
 * renders their scores as one table with each one's ratio to the first benchmark of its class.
 * Stateless.
 */
public final class MicroBench {
  private MicroBench() {}

  public static String run() throws RunnerException {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(MicroBench.class.getPackageName() + ".*")
                    .shouldFailOnError(true)
                    .build())
            .run();
    MultiPeerTable table =
        new MultiPeerTable(
                "JMH micro-benchmarks (1 MiB per operation: operations/s = MiB/s)",
                List.of("benchmark"),
                List.of("ops/s", "error ±", "SHA-256 ops/s"))
            .ratio("vs SHA-256", 0, 2);
    List<RunResult> sorted = new ArrayList<>(results);
    double sha = 0;
    for (RunResult r : sorted) {
      if (r.getParams().getBenchmark().endsWith(".sha256")) {
        sha = r.getPrimaryResult().getScore();
      }
    }
    for (RunResult r : sorted) {
      String name = r.getParams().getBenchmark();
      table.add(
          List.of(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1)),
          r.getPrimaryResult().getScore(),
          r.getPrimaryResult().getScoreError(),
          sha);
    }
    table.note(
        "JMH "
            + org.openjdk.jmh.util.Version.getPlainVersion()
            + ", 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement; "
            + Runtime.getRuntime().availableProcessors()
            + " cores");
    return table.render();
  }
}
