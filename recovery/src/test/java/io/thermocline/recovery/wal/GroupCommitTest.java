package io.thermocline.recovery.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermocline.common.config.Config;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Many committers share writes and fsyncs; the BATCH policy keeps its bound. */
@Timeout(60)
class GroupCommitTest {
  private static final FileIO IO = LocalFileIO.INSTANCE;

  @TempDir Path dir;

  private String walDir() {
    return dir.resolve("wal").toString();
  }

  @Test
  void concurrentCommittersGetDenseOrderedLsnsAndEveryAcknowledgedRecordIsDurable()
      throws Exception {
    int threads = 16;
    int perThread = 150;
    long[][] lsns = new long[threads][perThread];
    Config config = Config.defaults().with(WalSettings.SEGMENT_BYTES, 64L * 1024);
    WalStats stats;
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), config)) {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int thread = t;
        Thread worker =
            new Thread(
                () -> {
                  awaitQuietly(start);
                  for (int i = 0; i < perThread; i++) {
                    long txn = thread * 1_000_000L + i;
                    lsns[thread][i] = wal.append(txn, 1 + thread, Payloads.varying(txn, 200));
                    // Acknowledged under SYNC means fsynced.
                    assertThat(wal.durableLsn()).isGreaterThanOrEqualTo(lsns[thread][i]);
                  }
                });
        worker.start();
        workers.add(worker);
      }
      for (Thread worker : workers) {
        worker.join();
      }
      stats = wal.stats();
    }
    long total = (long) threads * perThread;
    boolean[] seen = new boolean[(int) total + 1];
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        long lsn = lsns[t][i];
        assertThat(lsn).isBetween(1L, total);
        assertThat(seen[(int) lsn]).as("LSN %d handed out twice", lsn).isFalse();
        seen[(int) lsn] = true;
        if (i > 0) {
          assertThat(lsn).isGreaterThan(lsns[t][i - 1]);
        }
      }
    }
    assertThat(stats.records()).isEqualTo(total);
    // Group commit: far fewer fsyncs than commits when 16 threads commit at once.
    assertThat(stats.fsyncs()).isLessThan(total);
    System.out.println(
        "group commit, 16 threads: "
            + total
            + " commits in "
            + stats.writeGroups()
            + " writes and "
            + stats.fsyncs()
            + " fsyncs");
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), config)) {
      List<WalRecord> records = Payloads.all(wal);
      assertThat(records).hasSize((int) total);
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < perThread; i++) {
          WalRecord r = records.get((int) lsns[t][i] - 1);
          long txn = t * 1_000_000L + i;
          assertThat(r.txn()).isEqualTo(txn);
          assertThat(r.type()).isEqualTo(1 + t);
          assertThat(r.payload()).isEqualTo(Payloads.varying(txn, 200));
        }
      }
    }
  }

  @Test
  void batchPolicyAcknowledgesBeforeFsyncAndMakesRecordsDurableWithinTheInterval()
      throws Exception {
    long intervalMs = 100;
    Config config =
        Config.defaults()
            .with(WalSettings.FSYNC_POLICY, FsyncPolicy.BATCH)
            .with(WalSettings.FSYNC_INTERVAL_MS, intervalMs)
            // Large enough that only the timer forces fsyncs in this test.
            .with(WalSettings.WRITE_BATCH_BYTES, 128 << 20);
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), config)) {
      // A first record after a quiet period is synced at once: the last fsync is long past.
      long first = wal.append(1, 1, new byte[10]);
      await().atMost(Duration.ofSeconds(5)).until(() -> wal.durableLsn() >= first);

      // Continuous commits for a while: acknowledged at write speed, fsynced at most every 100 ms.
      long fsyncsBefore = wal.stats().fsyncs();
      long startNanos = System.nanoTime();
      long lastLsn = 0;
      long maxLagMs = 0;
      long lastDurableSeen = first;
      long lastDurableChangeNanos = System.nanoTime();
      while (System.nanoTime() - startNanos < 700_000_000L) {
        lastLsn = wal.append(2, 1, new byte[50]);
        long durable = wal.durableLsn();
        long now = System.nanoTime();
        if (durable != lastDurableSeen) {
          lastDurableSeen = durable;
          lastDurableChangeNanos = now;
        }
        maxLagMs = Math.max(maxLagMs, (now - lastDurableChangeNanos) / 1_000_000);
      }
      long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
      long fsyncs = wal.stats().fsyncs() - fsyncsBefore;
      System.out.println(
          "BATCH "
              + intervalMs
              + " ms: "
              + lastLsn
              + " commits in "
              + elapsedMs
              + " ms with "
              + fsyncs
              + " fsyncs; longest time the durable LSN stood still: "
              + maxLagMs
              + " ms");
      assertThat(lastLsn - first).isGreaterThan(fsyncs);
      // At most one fsync per interval (plus one for the boundary).
      assertThat(fsyncs).isLessThanOrEqualTo(elapsedMs / intervalMs + 1);
      // The durable LSN keeps moving: it never stands still much longer than the interval.
      assertThat(maxLagMs).isLessThan(intervalMs + 400);
      long last = lastLsn;
      long ackedAt = System.nanoTime();
      await().atMost(Duration.ofSeconds(5)).until(() -> wal.durableLsn() >= last);
      assertThat((System.nanoTime() - ackedAt) / 1_000_000).isLessThan(intervalMs + 400);
    }
  }

  private static void awaitQuietly(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
