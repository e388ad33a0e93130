package io.thermocline.bench.durability;

import io.thermocline.bench.report.MultiPeerTable;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.NullBitmap;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.recovery.wal.FsyncPolicy;
import io.thermocline.recovery.wal.WalSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Commit latency (p50, p99) and commits/s through the engine API: each committer has its own
 * session and inserts one row per autocommit into a hot table with a primary key, for {@code
 * seconds}, under the SYNC and BATCH fsync policies with 1, 4 and 16 committers (group commit
 * shares the fsyncs of concurrent committers).
 */
public final class CommitBench {
  private static final Schema EVENTS =
      new Schema(
          List.of(
              Column.notNull("id", DataType.BIGINT),
              Column.nullable("v", DataType.DOUBLE),
              Column.notNull("ts", DataType.TIMESTAMP)),
          List.of("id"),
          "ts");

  private final double seconds;

  public CommitBench(double seconds) {
    this.seconds = seconds;
  }

  public String run() throws Exception {
    MultiPeerTable table =
        new MultiPeerTable(
            String.format(
                Locale.ROOT,
                "Commit latency and rate, one-row autocommit inserts, %.0f s each",
                seconds),
            List.of("fsync policy", "committers"),
            List.of("commits", "commits/s", "p50 ms", "p99 ms"));
    Path dir = Files.createTempDirectory("thermo-commit-bench");
    try {
      int n = 0;
      for (FsyncPolicy policy : List.of(FsyncPolicy.SYNC, FsyncPolicy.BATCH)) {
        double single = 0;
        StringBuilder scaling =
            new StringBuilder(policy.name() + ", commits/s of N committers vs 1:");
        for (int committers : List.of(1, 4, 16)) {
          double[] r = measure(dir.resolve("db" + n++), policy, committers);
          table.add(List.of(policy.name(), Integer.toString(committers)), r);
          single = committers == 1 ? r[1] : single;
          if (committers > 1) {
            scaling.append(String.format(Locale.ROOT, " %d: %.1fx", committers, r[1] / single));
          }
        }
        table.note(scaling.toString());
      }
    } finally {
      deleteTree(dir);
    }
    table.note("BATCH acknowledges after the write and fsyncs every wal.fsync.interval.ms (10)");
    return table.render();
  }

  private double[] measure(Path dir, FsyncPolicy policy, int committers) throws Exception {
    Config config =
        Config.defaults()
            .with(EngineSettings.EXTENSIONS_ENABLED, false)
            .with(WalSettings.FSYNC_POLICY, policy);
    try (Database db = Thermocline.open(dir, config)) {
      try (Session s = db.session()) {
        s.createTable(TableDefinition.hot("events", EVENTS));
      }
      AtomicLong ids = new AtomicLong();
      // Warm-up: the JIT compiles the commit path before the timed run.
      runCommitters(db, committers, ids, 1.0);
      long[][] latencies = runCommitters(db, committers, ids, seconds);
      int total = 0;
      for (long[] l : latencies) {
        total += (int) l[l.length - 1];
      }
      long[] all = new long[total];
      int at = 0;
      for (long[] l : latencies) {
        int count = (int) l[l.length - 1];
        System.arraycopy(l, 0, all, at, count);
        at += count;
      }
      Arrays.sort(all);
      return new double[] {
        total,
        total / seconds,
        all[(int) (total * 0.50)] / 1e6,
        all[Math.min(total - 1, (int) (total * 0.99))] / 1e6
      };
    }
  }

  /**
   * Runs the committers for {@code seconds}; per committer the commit latencies in nanoseconds, the
   * last slot holding their count.
   */
  private static long[][] runCommitters(Database db, int committers, AtomicLong ids, double seconds)
      throws InterruptedException {
    long[][] out = new long[committers][];
    Thread[] threads = new Thread[committers];
    CountDownLatch start = new CountDownLatch(1);
    long deadline = (long) (seconds * 1e9);
    LocalDateTime day = LocalDateTime.of(2024, 1, 1, 0, 0);
    for (int t = 0; t < committers; t++) {
      int me = t;
      threads[t] =
          new Thread(
              () -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                try (Session s = db.session()) {
                  start.await();
                  long t0 = System.nanoTime();
                  while (System.nanoTime() - t0 < deadline) {
                    long id = ids.incrementAndGet();
                    long c0 = System.nanoTime();
                    s.insert("events", id, id * 0.5, day.plusSeconds(id));
                    if (n + 1 >= lat.length) {
                      lat = Arrays.copyOf(lat, lat.length * 2);
                    }
                    lat[n++] = System.nanoTime() - c0;
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                lat[lat.length - 1] = n;
                out[me] = lat;
              },
              "committer-" + t);
      threads[t].start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    return out;
  }

  /** The first {@code n} values of a vector. */
  static ColumnVector prefix(ColumnVector v, int n) {
    long[] nulls = v.nulls() == null ? null : Arrays.copyOf(v.nulls(), NullBitmap.words(n));
    if (v instanceof LongVector lv) {
      return new LongVector(lv.type(), Arrays.copyOf(lv.values(), n), n, nulls);
    }
    if (v instanceof DoubleVector dv) {
      return new DoubleVector(dv.type(), Arrays.copyOf(dv.values(), n), n, nulls);
    }
    StringVector sv = (StringVector) v;
    String[] values = new String[n];
    for (int r = 0; r < n; r++) {
      values[r] = sv.get(r);
    }
    return StringVector.plain(sv.type(), values, n, nulls);
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
