package io.thermocline.recovery.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.config.Config;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.crash.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM appends and acknowledges records and is killed with SIGKILL at a random moment;
 * after each kill every acknowledged LSN must be in the log with its transaction and payload. A
 * process crash keeps what reached the kernel, so this holds for BATCH as well as SYNC.
 */
@Timeout(120)
class WalCrashTest {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedRecordSurvivesSigkillOfTheWritingProcess() throws Exception {
    long seed = TestSeed.resolve("WalCrashTest");
    Random random = new Random(seed);
    String walDir = dir.resolve("wal").toString();
    int cycles = TestSeed.longMode() ? 25 : 5;
    Map<Long, Long> acknowledged = new HashMap<>();
    for (int cycle = 0; cycle < cycles; cycle++) {
      FsyncPolicy policy = cycle % 2 == 0 ? FsyncPolicy.SYNC : FsyncPolicy.BATCH;
      long firstTxn = (cycle + 1) * 10_000_000L;
      int killAfter = 20 + random.nextInt(1500);
      String ctx = "seed " + seed + ", cycle " + cycle + " (" + policy + ")";
      try (ChildJvm child =
          ChildJvm.start(WalCrashChild.class, walDir, Long.toString(firstTxn), policy.name())) {
        List<String> acks =
            child.awaitLines(l -> l.startsWith("ACK "), killAfter, Duration.ofSeconds(60));
        assertThat(child.kill()).as(ctx).isEqualTo(ChildJvm.SIGKILL_EXIT);
        // Lines printed between the wait and the kill count too.
        for (String line : child.lines()) {
          if (line.startsWith("ACK ")) {
            String[] parts = line.split(" ");
            Long previous = acknowledged.put(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            assertThat(previous).as(ctx + ": LSN acknowledged twice: " + line).isNull();
          } else if (line.startsWith("REPORT ")) {
            System.out.println(ctx + ": child opened the log: " + line.substring(7));
          }
        }
        assertThat(acks).hasSize(killAfter);
      }
      try (WriteAheadLog wal =
          WriteAheadLog.open(LocalFileIO.INSTANCE, walDir, Config.defaults())) {
        List<WalRecord> records = Payloads.all(wal);
        System.out.println(
            ctx
                + ": killed after "
                + acknowledged.size()
                + " acknowledged records in total; "
                + wal.recoveryReport());
        for (int i = 0; i < records.size(); i++) {
          WalRecord r = records.get(i);
          assertThat(r.lsn()).as(ctx).isEqualTo(i + 1L);
          assertThat(r.payload()).as(ctx).isEqualTo(Payloads.varying(r.txn(), 300));
        }
        for (Map.Entry<Long, Long> e : acknowledged.entrySet()) {
          assertThat(e.getKey())
              .as(ctx + ": acknowledged LSN lost")
              .isLessThanOrEqualTo(records.size());
          assertThat(records.get((int) (e.getKey() - 1)).txn()).as(ctx).isEqualTo(e.getValue());
        }
      }
    }
  }
}
