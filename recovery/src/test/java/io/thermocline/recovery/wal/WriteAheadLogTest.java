package io.thermocline.recovery.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
  private static final FileIO IO = LocalFileIO.INSTANCE;

  @TempDir Path dir;

  private String walDir() {
    return dir.resolve("wal").toString();
  }

  private static Config smallSegments() {
    return Config.defaults().with(WalSettings.SEGMENT_BYTES, 4096L);
  }

  @Test
  void appendedRecordsReplayInOrderWithTheirFieldsAfterReopen() {
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), Config.defaults())) {
      assertThat(wal.recoveryReport().tailCut()).isFalse();
      assertThat(wal.append(7, 1, new byte[0])).isEqualTo(1);
      assertThat(wal.append(8, 255, Payloads.of(2, 100))).isEqualTo(2);
      assertThat(wal.append(-1, 42, Payloads.of(3, 70_000))).isEqualTo(3);
      assertThat(wal.acknowledgedLsn()).isEqualTo(3);
      assertThat(wal.durableLsn()).isEqualTo(3);
    }
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), Config.defaults())) {
      RecoveryReport report = wal.recoveryReport();
      assertThat(report.tailCut()).isFalse();
      assertThat(report.firstLsn()).isEqualTo(1);
      assertThat(report.lastLsn()).isEqualTo(3);
      List<WalRecord> records = Payloads.all(wal);
      assertThat(records).extracting(WalRecord::lsn).containsExactly(1L, 2L, 3L);
      assertThat(records).extracting(WalRecord::txn).containsExactly(7L, 8L, -1L);
      assertThat(records).extracting(WalRecord::type).containsExactly(1, 255, 42);
      assertThat(records.get(0).payload()).isEmpty();
      assertThat(records.get(1).payload()).isEqualTo(Payloads.of(2, 100));
      assertThat(records.get(2).payload()).isEqualTo(Payloads.of(3, 70_000));
      // The reopened log continues the LSN sequence in the same segment.
      assertThat(wal.append(9, 1, Payloads.of(4, 10))).isEqualTo(4);
      assertThat(wal.segments()).hasSize(1);
    }
  }

  @Test
  void aCreatedLogStartsAtItsFirstLsnAndContinuesThereAfterReopen() {
    try (WriteAheadLog wal = WriteAheadLog.create(IO, walDir(), Config.defaults(), 1_000)) {
      assertThat(wal.firstLsn()).isEqualTo(1_000);
      assertThat(wal.acknowledgedLsn()).isEqualTo(999);
      assertThat(wal.append(1, 1, Payloads.of(1, 10))).isEqualTo(1_000);
    }
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), Config.defaults())) {
      assertThat(wal.recoveryReport().firstLsn()).isEqualTo(1_000);
      List<WalRecord> records = new ArrayList<>();
      wal.replay(1_000, records::add);
      assertThat(records).extracting(WalRecord::lsn).containsExactly(1_000L);
      assertThat(wal.append(2, 1, Payloads.of(2, 10))).isEqualTo(1_001);
    }
    // An empty created log (nothing appended) keeps its first LSN across a reopen as well.
    String other = dir.resolve("empty").toString();
    WriteAheadLog.create(IO, other, Config.defaults(), 77).close();
    try (WriteAheadLog wal = WriteAheadLog.open(IO, other, Config.defaults())) {
      assertThat(wal.append(1, 1, Payloads.of(1, 10))).isEqualTo(77);
    }
    assertThatThrownBy(() -> WriteAheadLog.create(IO, walDir(), Config.defaults(), 5))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("holds one already");
  }

  @Test
  void replayFromAnLsnSkipsEarlierRecordsAcrossSegments() {
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), smallSegments())) {
      for (long lsn = 1; lsn <= 200; lsn++) {
        wal.appendNoWait(lsn, 3, Payloads.varying(lsn, 200));
      }
      wal.awaitAcknowledged(200);
      assertThat(wal.segments().size()).isGreaterThan(5);
      for (long from : new long[] {0, 1, 2, 57, 199, 200, 201}) {
        List<WalRecord> records = new ArrayList<>();
        long n = wal.replay(from, records::add);
        long first = Math.max(1, from);
        assertThat(n).isEqualTo(records.size());
        Payloads.assertVarying(records, first, 200, 200);
      }
    }
  }

  @Test
  void segmentsRollAtTheSizeSettingAndEachStartsAtTheLsnAfterThePreviousOne() {
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), smallSegments())) {
      for (long lsn = 1; lsn <= 300; lsn++) {
        wal.append(0, 1, Payloads.varying(lsn, 300));
      }
      List<WalSegment> segments = wal.segments();
      for (int i = 0; i < segments.size(); i++) {
        WalSegment s = segments.get(i);
        if (i > 0) {
          assertThat(s.firstLsn()).isEqualTo(segments.get(i - 1).lastLsn() + 1);
        }
        assertThat(s.path()).endsWith(SegmentNames.of(s.firstLsn()));
        if (i + 1 < segments.size()) {
          assertThat(IO.length(s.path())).isLessThanOrEqualTo(4096);
        }
      }
      assertThat(segments.get(segments.size() - 1).lastLsn()).isEqualTo(300);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), smallSegments())) {
      Payloads.assertVarying(Payloads.all(wal), 1, 300, 300);
    }
  }

  @Test
  void aRecordLargerThanASegmentGetsASegmentOfItsOwn() {
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), smallSegments())) {
      wal.append(0, 1, Payloads.of(1, 10));
      wal.append(0, 1, Payloads.of(2, 10_000));
      wal.append(0, 1, Payloads.of(3, 10));
      assertThat(wal.segments()).extracting(WalSegment::firstLsn).containsExactly(1L, 2L, 3L);
    }
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), smallSegments())) {
      assertThat(Payloads.all(wal).get(1).payload()).isEqualTo(Payloads.of(2, 10_000));
    }
  }

  @Test
  void truncateBeforeDropsOnlyWholeSegmentsBeforeTheLsnAndNeverTheActiveOne() {
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), smallSegments())) {
      for (long lsn = 1; lsn <= 300; lsn++) {
        wal.append(0, 1, Payloads.varying(lsn, 300));
      }
      List<WalSegment> before = wal.segments();
      WalSegment third = before.get(2);
      long checkpoint = third.firstLsn() + 1;
      List<WalSegment> deleted = wal.truncateBefore(checkpoint);
      // Segments 0 and 1 end before the checkpoint; segment 2 holds it, so it stays.
      assertThat(deleted).containsExactly(before.get(0), before.get(1));
      assertThat(wal.firstLsn()).isEqualTo(third.firstLsn());
      assertThat(IO.exists(before.get(0).path())).isFalse();
      List<WalRecord> rest = new ArrayList<>();
      wal.replay(checkpoint, rest::add);
      Payloads.assertVarying(rest, checkpoint, 300, 300);
      assertThatThrownBy(() -> wal.replay(1, r -> {}))
          .isInstanceOf(ThermoException.class)
          .hasMessageContaining("starts at LSN " + third.firstLsn());

      assertThat(wal.truncateBefore(Long.MAX_VALUE)).hasSize(before.size() - 3);
      assertThat(wal.segments()).hasSize(1);
      assertThat(wal.append(0, 1, new byte[1])).isEqualTo(301);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), smallSegments())) {
      assertThat(wal.firstLsn()).isEqualTo(wal.segments().get(0).firstLsn());
      assertThat(wal.recoveryReport().lastLsn()).isEqualTo(301);
    }
  }

  @Test
  void retentionKeepsSegmentsForLogBackupsAndDeletionStopsAtTheFirstKeptOne() {
    AtomicLong backedUpThrough = new AtomicLong(0);
    SegmentRetention keepUntilBackedUp = s -> s.lastLsn() > backedUpThrough.get();
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), smallSegments(), keepUntilBackedUp)) {
      for (long lsn = 1; lsn <= 300; lsn++) {
        wal.append(0, 1, Payloads.varying(lsn, 300));
      }
      List<WalSegment> all = wal.segments();
      assertThat(wal.truncateBefore(301)).isEmpty();
      backedUpThrough.set(all.get(1).lastLsn());
      assertThat(wal.truncateBefore(301)).containsExactly(all.get(0), all.get(1));
      assertThat(wal.segments().get(0)).isEqualTo(all.get(2));
    }
  }

  @Test
  void emptyLogReplaysNothingAndStartsAtLsnOne() {
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), Config.defaults())) {
      assertThat(wal.replay(0, r -> {})).isZero();
      assertThat(wal.firstLsn()).isEqualTo(1);
      assertThat(wal.acknowledgedLsn()).isZero();
    }
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), Config.defaults())) {
      assertThat(wal.recoveryReport().lastLsn()).isZero();
      assertThat(wal.append(1, 1, new byte[0])).isEqualTo(1);
    }
  }

  @Test
  void badArgumentsAndUseAfterCloseAreRefusedWithACode() {
    WriteAheadLog wal =
        WriteAheadLog.open(
            IO, walDir(), Config.defaults().with(WalSettings.RECORD_MAX_BYTES, 16 << 20));
    assertThatThrownBy(() -> wal.append(1, 0, new byte[0]))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("type 0");
    assertThatThrownBy(() -> wal.append(1, 1, new byte[(16 << 20) + 1]))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("wal.record.max.bytes");
    assertThatThrownBy(() -> wal.awaitAcknowledged(5))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("never appended");
    wal.close();
    wal.close();
    assertThatThrownBy(() -> wal.append(1, 1, new byte[0]))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void settingsAreDeclaredWithValidators() {
    Properties props = new Properties();
    props.setProperty("wal.fsync.policy", "batch");
    props.setProperty("wal.fsync.interval.ms", "25");
    WalSettings s = WalSettings.from(Config.parse(props, WalSettings.all()));
    assertThat(s.fsyncPolicy()).isEqualTo(FsyncPolicy.BATCH);
    assertThat(s.fsyncIntervalMs()).isEqualTo(25);
    assertThat(WalSettings.from(Config.defaults()).fsyncPolicy()).isEqualTo(FsyncPolicy.SYNC);
    Properties bad = new Properties();
    bad.setProperty("wal.segment.bytes", "100");
    assertThatThrownBy(() -> Config.parse(bad, WalSettings.all()))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("wal.segment.bytes");
  }

  @Test
  void replayRunsWhileAppendsGoOnAndSeesAPrefix() throws Exception {
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), smallSegments())) {
      Thread writer =
          new Thread(
              () -> {
                for (long lsn = 1; lsn <= 2000; lsn++) {
                  wal.appendNoWait(lsn, 1, Payloads.varying(lsn, 100));
                }
              });
      writer.start();
      for (int round = 0; round < 20; round++) {
        List<WalRecord> seen = new ArrayList<>();
        wal.replay(0, seen::add);
        if (!seen.isEmpty()) {
          Payloads.assertVarying(seen, 1, seen.size(), 100);
        }
      }
      writer.join();
      wal.awaitAcknowledged(2000);
      Payloads.assertVarying(Payloads.all(wal), 1, 2000, 100);
    }
  }
}
