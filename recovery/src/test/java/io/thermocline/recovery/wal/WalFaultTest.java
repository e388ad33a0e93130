package io.thermocline.recovery.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.io.FaultInjectingFileIO;
import io.thermocline.testkit.io.FileOp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Failing writes, fsyncs and creates, and simulated power loss, through the testkit's FileIO. */
@Timeout(60)
class WalFaultTest {
  private static final String SEGMENTS = "wal-\\d+\\.log";

  @TempDir Path dir;

  private final FaultInjectingFileIO io = new FaultInjectingFileIO(LocalFileIO.INSTANCE);

  private String walDir() {
    return dir.resolve("wal").toString();
  }

  private List<WalRecord> reopenAndReadAll(Config config) {
    try (WriteAheadLog wal = WriteAheadLog.open(LocalFileIO.INSTANCE, walDir(), config)) {
      return Payloads.all(wal);
    }
  }

  @Test
  void anFsyncFailureFailsTheCommitterAndEveryLaterAppendAndTheRecordIsNotKept() {
    try (WriteAheadLog wal = WriteAheadLog.open(io, walDir(), Config.defaults())) {
      for (long lsn = 1; lsn <= 10; lsn++) {
        wal.append(lsn, 1, Payloads.varying(lsn, 50));
      }
      io.failNext(FileOp.SYNC, SEGMENTS);
      assertThatThrownBy(() -> wal.append(11, 1, Payloads.varying(11, 50)))
          .isInstanceOfSatisfying(
              ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR))
          .hasMessageContaining("LSN 11")
          .hasMessageContaining("fsync")
          .hasMessageContaining("wal-");
      assertThat(wal.acknowledgedLsn()).isEqualTo(10);
      assertThat(wal.durableLsn()).isEqualTo(10);
      // The log stays failed (as after an fsync error a database must restart), even though the
      // injected fault is spent.
      assertThatThrownBy(() -> wal.append(12, 1, new byte[1]))
          .isInstanceOf(ThermoException.class)
          .hasMessageContaining("fsync");
    }
    List<WalRecord> records = reopenAndReadAll(Config.defaults());
    Payloads.assertVarying(records, 1, 10, 50);
  }

  @Test
  void withManyCommittersAnFsyncFailureLosesNoAcknowledgedRecordAndKeepsNoFailedOne()
      throws Exception {
    Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    try (WriteAheadLog wal = WriteAheadLog.open(io, walDir(), Config.defaults())) {
      CountDownLatch started = new CountDownLatch(8);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        final long thread = t;
        Thread th =
            new Thread(
                () -> {
                  started.countDown();
                  for (long seq = 0; seq < 10_000; seq++) {
                    long txn = thread * 1_000_000 + seq;
                    try {
                      acknowledged.put(wal.append(txn, 1, Payloads.varying(txn, 64)), txn);
                    } catch (ThermoException e) {
                      failures.add(e);
                      return;
                    }
                  }
                });
        th.start();
        threads.add(th);
      }
      started.await();
      io.failNth(FileOp.SYNC, SEGMENTS, 20);
      for (Thread th : threads) {
        th.join();
      }
    }
    assertThat(failures).hasSize(8);
    List<WalRecord> records = reopenAndReadAll(Config.defaults());
    // Exactly the acknowledged records survive: the failed group was cut off again.
    assertThat(records).hasSize(acknowledged.size());
    for (WalRecord r : records) {
      assertThat(acknowledged.get(r.lsn())).as("LSN %d", r.lsn()).isEqualTo(r.txn());
      assertThat(r.payload()).isEqualTo(Payloads.varying(r.txn(), 64));
    }
  }

  @Test
  void aFullDiskFailsTheWriteAndRecoveryCutsThePartialRecord() {
    try (WriteAheadLog wal = WriteAheadLog.open(io, walDir(), Config.defaults())) {
      for (long lsn = 1; lsn <= 5; lsn++) {
        wal.append(lsn, 1, Payloads.varying(lsn, 50));
      }
      io.setDiskSpace(30);
      assertThatThrownBy(() -> wal.append(6, 1, Payloads.of(6, 200)))
          .isInstanceOf(ThermoException.class)
          .hasMessageContaining("write");
    }
    io.setDiskSpace(Long.MAX_VALUE);
    try (WriteAheadLog wal = WriteAheadLog.open(io, walDir(), Config.defaults())) {
      Payloads.assertVarying(Payloads.all(wal), 1, 5, 50);
      assertThat(wal.append(6, 1, Payloads.varying(6, 50))).isEqualTo(6);
    }
  }

  @Test
  void aFailedSegmentRollFailsTheAppendAndLosesNothingAcknowledged() {
    Config config = Config.defaults().with(WalSettings.SEGMENT_BYTES, 4096L);
    long acked = 0;
    try (WriteAheadLog wal = WriteAheadLog.open(io, walDir(), config)) {
      io.failNext(FileOp.CREATE, SEGMENTS);
      try {
        for (long lsn = 1; lsn <= 1000; lsn++) {
          acked = wal.append(lsn, 1, Payloads.varying(lsn, 100));
        }
      } catch (ThermoException e) {
        assertThat(e).hasMessageContaining("creating the segment");
      }
      assertThat(acked).isBetween(10L, 999L);
    }
    Payloads.assertVarying(reopenAndReadAll(config), 1, acked, 100);
  }

  @Test
  void afterPowerLossEveryAcknowledgedSyncCommitSurvivesAndTornWritesAreCut() throws Exception {
    runPowerLossCycles(FsyncPolicy.SYNC, "afterPowerLossSync");
  }

  @Test
  void afterPowerLossEveryBatchCommitDurableBeforeTheCrashSurvives() throws Exception {
    runPowerLossCycles(FsyncPolicy.BATCH, "afterPowerLossBatch");
  }

  /**
   * Cycles of: open, four committers append, power fails at a random moment (keeping a random
   * prefix of the unsynced bytes), reopen. Every LSN durable before the crash must come back with
   * its own transaction and payload; LSNs stay dense across cycles.
   */
  private void runPowerLossCycles(FsyncPolicy policy, String name) throws Exception {
    long seed = TestSeed.resolve(name);
    Random random = new Random(seed);
    Config config =
        Config.defaults()
            .with(WalSettings.FSYNC_POLICY, policy)
            .with(WalSettings.FSYNC_INTERVAL_MS, 2L)
            .with(WalSettings.SEGMENT_BYTES, 16_384L);
    Map<Long, Long> durable = new ConcurrentHashMap<>();
    int cycles = TestSeed.longMode() ? 100 : 12;
    for (int cycle = 0; cycle < cycles; cycle++) {
      Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
      WriteAheadLog wal = WriteAheadLog.open(io, walDir(), config);
      long base = (cycle + 1) * 10_000_000L;
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        final long first = base + t * 1_000_000L;
        Thread th =
            new Thread(
                () -> {
                  for (long txn = first; ; txn++) {
                    try {
                      acknowledged.put(wal.append(txn, 1, Payloads.varying(txn, 300)), txn);
                    } catch (ThermoException e) {
                      return;
                    }
                  }
                });
        th.start();
        threads.add(th);
      }
      int target = 20 + random.nextInt(300);
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(20))
          .until(() -> acknowledged.size() >= target);
      long durableAtCrash = wal.durableLsn();
      powerFailure(random);
      for (Thread th : threads) {
        th.join();
      }
      wal.close();
      for (Map.Entry<Long, Long> e : acknowledged.entrySet()) {
        if (policy == FsyncPolicy.SYNC || e.getKey() <= durableAtCrash) {
          durable.put(e.getKey(), e.getValue());
        }
      }
      io.clearFaults();
      try (WriteAheadLog reopened = WriteAheadLog.open(io, walDir(), config)) {
        List<WalRecord> records = Payloads.all(reopened);
        String ctx = "seed " + seed + ", cycle " + cycle + ", " + reopened.recoveryReport();
        System.out.println(name + " " + ctx);
        for (int i = 0; i < records.size(); i++) {
          assertThat(records.get(i).lsn()).as(ctx).isEqualTo(i + 1L);
          WalRecord r = records.get(i);
          assertThat(r.payload()).as(ctx).isEqualTo(Payloads.varying(r.txn(), 300));
        }
        for (Map.Entry<Long, Long> e : durable.entrySet()) {
          assertThat(e.getKey()).as(ctx).isLessThanOrEqualTo(records.size());
          assertThat(records.get((int) (e.getKey() - 1)).txn()).as(ctx).isEqualTo(e.getValue());
        }
        // Records kept beyond the acknowledged ones are fine (written, not yet acknowledged),
        // but they now count as durable for the next cycle's checks.
        for (WalRecord r : records) {
          durable.put(r.lsn(), r.txn());
        }
      }
    }
  }

  /**
   * Power fails: from this moment the process can do no more I/O (every operation fails, as if it
   * were dead), then unsynced data is lost, keeping a random prefix of each file's unsynced bytes.
   */
  private void powerFailure(Random random) throws java.io.IOException {
    for (FileOp op : FileOp.values()) {
      io.failAlways(op, "");
    }
    io.crash(random);
  }
}
