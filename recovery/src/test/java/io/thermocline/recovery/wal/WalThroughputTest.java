package io.thermocline.recovery.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.config.Config;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.common.io.WritableFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quick measurement, printed: commits/s and latency under SYNC with 1, 4 and 16 committers (group
 * commit lets fsyncs be shared) and under BATCH. Real file system, 100-byte records. Not a
 * benchmark (bench/ has those); it shows the mechanism working on this machine.
 */
@Timeout(60)
class WalThroughputTest {
  private static final long RUN_NANOS = 800_000_000L;

  @TempDir Path dir;

  @Test
  void commitsPerSecondWithSyncAt1And4And16CommittersAndWithBatch() throws Exception {
    double rawFsyncs = rawAppendAndFsyncPerSecond();
    Measurement sync1 = measure("sync-1", FsyncPolicy.SYNC, 1);
    Measurement sync4 = measure("sync-4", FsyncPolicy.SYNC, 4);
    Measurement sync16 = measure("sync-16", FsyncPolicy.SYNC, 16);
    Measurement batch16 = measure("batch-16", FsyncPolicy.BATCH, 16);
    System.out.println("WAL commits/s (100-byte records, " + RUN_NANOS / 1_000_000 + " ms each):");
    System.out.println(
        String.format(
            "  baseline  %9.0f appends+fsyncs/s of 125 bytes, one thread, straight to FileIO",
            rawFsyncs));
    for (Measurement m : List.of(sync1, sync4, sync16, batch16)) {
      System.out.println("  " + m);
    }
    // With 16 committers each fsync covers many commits; with one it covers one.
    assertThat(sync16.commitsPerFsync()).isGreaterThan(2.0);
    assertThat(sync1.commitsPerFsync()).isLessThan(1.5);
  }

  /** The disk's own limit for one committer: append 125 bytes, fsync, repeat. */
  private double rawAppendAndFsyncPerSecond() throws Exception {
    String path = dir.resolve("raw").toString();
    byte[] record = new byte[125];
    long n = 0;
    long start = System.nanoTime();
    try (WritableFile out = LocalFileIO.INSTANCE.create(path)) {
      while (System.nanoTime() - start < RUN_NANOS) {
        out.write(record, 0, record.length);
        out.sync();
        n++;
      }
    }
    return n * 1e9 / (System.nanoTime() - start);
  }

  private Measurement measure(String name, FsyncPolicy policy, int committers) throws Exception {
    Config config =
        Config.defaults()
            .with(WalSettings.FSYNC_POLICY, policy)
            .with(WalSettings.FSYNC_INTERVAL_MS, 10L);
    String walDir = dir.resolve(name).toString();
    try (WriteAheadLog wal = WriteAheadLog.open(LocalFileIO.INSTANCE, walDir, config)) {
      AtomicBoolean stop = new AtomicBoolean();
      long[][] latencies = new long[committers][];
      int[] counts = new int[committers];
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < committers; t++) {
        final int thread = t;
        Thread th =
            new Thread(
                () -> {
                  byte[] payload = Payloads.of(thread, 100);
                  long[] lat = new long[1 << 16];
                  int n = 0;
                  while (!stop.get()) {
                    long start = System.nanoTime();
                    wal.append(thread, 1, payload);
                    if (n == lat.length) {
                      lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = System.nanoTime() - start;
                  }
                  latencies[thread] = lat;
                  counts[thread] = n;
                });
        threads.add(th);
      }
      WalStats before = wal.stats();
      long start = System.nanoTime();
      threads.forEach(Thread::start);
      Thread.sleep(RUN_NANOS / 1_000_000); // a fixed measuring window, not a wait for a result
      stop.set(true);
      for (Thread th : threads) {
        th.join();
      }
      long elapsed = System.nanoTime() - start;
      WalStats after = wal.stats();
      int total = Arrays.stream(counts).sum();
      long[] all = new long[total];
      int at = 0;
      for (int t = 0; t < committers; t++) {
        System.arraycopy(latencies[t], 0, all, at, counts[t]);
        at += counts[t];
      }
      Arrays.sort(all);
      return new Measurement(
          name,
          total * 1e9 / elapsed,
          (double) total / Math.max(1, after.fsyncs() - before.fsyncs()),
          all[total / 2] / 1000.0,
          all[(int) (total * 0.99)] / 1000.0);
    }
  }

  private record Measurement(
      String name, double commitsPerSecond, double commitsPerFsync, double p50Us, double p99Us) {
    @Override
    public String toString() {
      return String.format(
          "%-9s %9.0f commits/s  %7.1f commits/fsync  p50 %8.1f us  p99 %8.1f us",
          name, commitsPerSecond, commitsPerFsync, p50Us, p99Us);
    }
  }
}
