package io.thermocline.recovery.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.FormatVersionException;
import io.thermocline.common.format.ChecksumOutput;
import io.thermocline.common.format.FileFormat;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery at open: torn tails are cut and reported, damage is named, never misread. */
class WalRecoveryTest {
  private static final FileIO IO = LocalFileIO.INSTANCE;
  private static final int MAX_PAYLOAD = 120;

  @TempDir Path dir;

  private String walDir() {
    return dir.resolve("wal").toString();
  }

  /** Writes records 1..n with {@link Payloads#varying} payloads and closes the log. */
  private List<WalSegment> writeLog(Config config, long n) {
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), config)) {
      for (long lsn = 1; lsn <= n; lsn++) {
        wal.appendNoWait(lsn, 1, Payloads.varying(lsn, MAX_PAYLOAD));
      }
      wal.awaitAcknowledged(n);
      return wal.segments();
    }
  }

  /** Start offsets of the records of a segment, plus its end offset. */
  private static List<Long> recordBoundaries(String segment, long baseLsn) throws IOException {
    List<Long> starts = new ArrayList<>();
    try (ReadableFile file = IO.open(segment)) {
      SegmentScanner scanner =
          new SegmentScanner(file, SegmentHeader.LENGTH, file.length(), baseLsn, 1 << 24);
      while (scanner.next()) {
        starts.add(scanner.recordPosition());
      }
      assertThat(scanner.problem()).isNull();
      starts.add(scanner.position());
    }
    return starts;
  }

  private static void overwrite(String path, byte[] content) throws IOException {
    try (WritableFile out = IO.create(path)) {
      out.write(content, 0, content.length);
    }
  }

  @Test
  void aTornTailAtEveryByteOfTheLastRecordIsCutAndReplayReturnsTheRecordsBeforeIt()
      throws IOException {
    WalSegment segment = writeLog(Config.defaults(), 6).get(0);
    byte[] clean = IO.readAll(segment.path());
    List<Long> bounds = recordBoundaries(segment.path(), 1);
    long lastStart = bounds.get(5);
    assertThat((long) clean.length).isEqualTo(bounds.get(6));
    for (long cut = lastStart; cut < clean.length; cut++) {
      for (int fill = 0; fill < 2; fill++) {
        // fill 0: the file ends at the cut; fill 1: the rest of the record is zeros (a file
        // extended by the crash but never written, as some file systems leave it).
        byte[] torn = fill == 0 ? Arrays.copyOf(clean, (int) cut) : clean.clone();
        if (fill == 1) {
          Arrays.fill(torn, (int) cut, torn.length, (byte) 0);
        }
        overwrite(segment.path(), torn);
        String at = "cut at " + cut + ", fill " + fill;
        try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), Config.defaults())) {
          RecoveryReport report = wal.recoveryReport();
          assertThat(report.tailCut()).as(at).isEqualTo(torn.length > lastStart);
          if (report.tailCut()) {
            assertThat(report.cutSegment()).as(at).isEqualTo(segment.path());
            assertThat(report.cutOffset()).as(at).isEqualTo(lastStart);
            assertThat(report.bytesDropped()).as(at).isEqualTo(torn.length - lastStart);
          }
          assertThat(report.lastLsn()).as(at).isEqualTo(5);
          Payloads.assertVarying(Payloads.all(wal), 1, 5, MAX_PAYLOAD);
          assertThat(IO.length(segment.path())).as(at).isEqualTo(lastStart);
          // The log goes on from the cut: the torn LSN is reused by the next append.
          assertThat(wal.append(6, 1, Payloads.varying(6, MAX_PAYLOAD))).as(at).isEqualTo(6);
        }
      }
    }
  }

  @Test
  void aFlippedByteInAnyRecordOfTheLastSegmentNearItsEndIsCutAtThatRecord() throws IOException {
    WalSegment segment = writeLog(Config.defaults(), 8).get(0);
    byte[] clean = IO.readAll(segment.path());
    List<Long> bounds = recordBoundaries(segment.path(), 1);
    for (int offset = SegmentHeader.LENGTH; offset < clean.length; offset++) {
      int record = 0;
      while (bounds.get(record + 1) <= offset) {
        record++;
      }
      byte[] damaged = clean.clone();
      damaged[offset] ^= (byte) (1 << (offset % 8));
      overwrite(segment.path(), damaged);
      String at = "flip at " + offset + " in record " + (record + 1);
      try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), Config.defaults())) {
        RecoveryReport report = wal.recoveryReport();
        assertThat(report.tailCut()).as(at).isTrue();
        assertThat(report.cutOffset()).as(at).isEqualTo(bounds.get(record));
        assertThat(report.reason()).as(at).isNotBlank();
        Payloads.assertVarying(Payloads.all(wal), 1, record, MAX_PAYLOAD);
      }
      overwrite(segment.path(), clean);
    }
  }

  @Test
  void damageFartherFromTheEndThanAnInterruptedWriteCanReachIsCorruptionNotATornTail()
      throws IOException {
    // Smallest limits: at most 4096 bytes can be unsynced when a crash comes.
    Config config =
        Config.defaults()
            .with(WalSettings.WRITE_BATCH_BYTES, 4096)
            .with(WalSettings.RECORD_MAX_BYTES, 1024);
    WalSegment segment = writeLog(config, 200).get(0);
    List<Long> bounds = recordBoundaries(segment.path(), 1);
    long end = bounds.get(bounds.size() - 1);
    assertThat(end).isGreaterThan(3 * 4096);
    byte[] clean = IO.readAll(segment.path());
    byte[] damaged = clean.clone();
    int record = 10;
    damaged[(int) (bounds.get(record) + 30)] ^= 1;
    overwrite(segment.path(), damaged);
    assertThatThrownBy(() -> WriteAheadLog.open(IO, walDir(), config))
        .isInstanceOfSatisfying(
            CorruptFileException.class,
            e -> {
              assertThat(e.file()).isEqualTo(segment.path());
              assertThat(e.offset()).isEqualTo(bounds.get(record));
            })
        .hasMessageContaining("not a torn tail");
    // Nothing was cut: repairing the byte gives the whole log back.
    assertThat(IO.length(segment.path())).isEqualTo(end);
    overwrite(segment.path(), clean);
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), config)) {
      Payloads.assertVarying(Payloads.all(wal), 1, 200, MAX_PAYLOAD);
    }
  }

  @Test
  void aFlippedByteAnywhereInASealedSegmentFailsReplayNamingTheSegmentAndTheRecord()
      throws IOException {
    Config config = Config.defaults().with(WalSettings.SEGMENT_BYTES, 4096L);
    List<WalSegment> segments = writeLog(config, 300);
    assertThat(segments.size()).isGreaterThan(4);
    WalSegment middle = segments.get(2);
    List<Long> bounds = recordBoundaries(middle.path(), middle.firstLsn());
    byte[] clean = IO.readAll(middle.path());
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), config)) {
      for (int offset = SegmentHeader.LENGTH; offset < clean.length; offset++) {
        int record = 0;
        while (bounds.get(record + 1) <= offset) {
          record++;
        }
        long recordStart = bounds.get(record);
        byte[] damaged = clean.clone();
        damaged[offset] ^= (byte) 0x80;
        overwrite(middle.path(), damaged);
        List<WalRecord> delivered = new ArrayList<>();
        assertThatThrownBy(() -> wal.replay(0, delivered::add))
            .as("flip at %d", offset)
            .isInstanceOfSatisfying(
                CorruptFileException.class,
                e -> {
                  assertThat(e.file()).isEqualTo(middle.path());
                  assertThat(e.offset()).isEqualTo(recordStart);
                });
        // Records before the damage were delivered intact; none from or after it.
        Payloads.assertVarying(delivered, 1, middle.firstLsn() + record - 1, MAX_PAYLOAD);
      }
      overwrite(middle.path(), clean);
      Payloads.assertVarying(Payloads.all(wal), 1, 300, MAX_PAYLOAD);
    }
  }

  @Test
  void aDamagedHeaderOfASealedSegmentStopsTheOpenNamingTheSegment() throws IOException {
    Config config = Config.defaults().with(WalSettings.SEGMENT_BYTES, 4096L);
    List<WalSegment> segments = writeLog(config, 100);
    WalSegment first = segments.get(0);
    byte[] clean = IO.readAll(first.path());
    for (int offset = 0; offset < SegmentHeader.LENGTH; offset++) {
      byte[] damaged = clean.clone();
      damaged[offset] ^= 0x10;
      overwrite(first.path(), damaged);
      assertThatThrownBy(() -> WriteAheadLog.open(IO, walDir(), config).close())
          .as("flip at %d", offset)
          .isInstanceOfSatisfying(
              CorruptFileException.class, e -> assertThat(e.file()).isEqualTo(first.path()));
    }
  }

  @Test
  void aDamagedHeaderOfTheLastSegmentWithRecordsAfterItIsCorruption() throws IOException {
    WalSegment segment = writeLog(Config.defaults(), 5).get(0);
    byte[] damaged = IO.readAll(segment.path());
    damaged[3] ^= 1;
    overwrite(segment.path(), damaged);
    assertThatThrownBy(() -> WriteAheadLog.open(IO, walDir(), Config.defaults()))
        .isInstanceOfSatisfying(
            CorruptFileException.class, e -> assertThat(e.file()).isEqualTo(segment.path()));
  }

  @Test
  void aSegmentWhoseCreationWasInterruptedIsRemovedAndItsLsnReused() throws IOException {
    Config config = Config.defaults().with(WalSettings.SEGMENT_BYTES, 4096L);
    List<WalSegment> segments = writeLog(config, 100);
    WalSegment last = segments.get(segments.size() - 1);
    long nextBase = last.lastLsn() + 1;
    String torn = IO.resolve(walDir(), SegmentNames.of(nextBase));
    byte[] header = SegmentHeader.encode(torn, nextBase, 1 << 20, 1 << 20);
    for (int length : new int[] {0, 1, 9, header.length - 1, header.length}) {
      byte[] partial = Arrays.copyOf(header, length);
      if (length == header.length) {
        partial[length - 1] ^= 1;
      }
      overwrite(torn, partial);
      try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), config)) {
        RecoveryReport report = wal.recoveryReport();
        assertThat(report.tailCut()).isTrue();
        assertThat(report.cutSegment()).isEqualTo(torn);
        assertThat(report.bytesDropped()).isEqualTo(length);
        assertThat(report.reason()).contains("segment creation interrupted");
        assertThat(report.lastLsn()).isEqualTo(100);
        assertThat(wal.append(0, 1, Payloads.varying(101, MAX_PAYLOAD))).isEqualTo(101);
      }
      try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), config)) {
        assertThat(wal.recoveryReport().tailCut()).isFalse();
        Payloads.assertVarying(Payloads.all(wal), 1, 101, MAX_PAYLOAD);
        wal.truncateBefore(0);
      }
      // Back to 100 records for the next round.
      IO.delete(IO.resolve(walDir(), SegmentNames.of(nextBase)));
      IO.truncate(last.path(), recordBoundaries(last.path(), last.firstLsn()).get(0));
      try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), config)) {
        for (long lsn = last.firstLsn(); lsn <= 100; lsn++) {
          wal.append(0, 1, Payloads.varying(lsn, MAX_PAYLOAD));
        }
      }
    }
  }

  @Test
  void aMissingMiddleSegmentIsCorruptionNamingTheSegmentAfterTheGap() {
    Config config = Config.defaults().with(WalSettings.SEGMENT_BYTES, 4096L);
    List<WalSegment> segments = writeLog(config, 300);
    try {
      IO.delete(segments.get(2).path());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    try (WriteAheadLog wal = WriteAheadLog.open(IO, walDir(), config)) {
      assertThatThrownBy(() -> wal.replay(0, r -> {}))
          .isInstanceOfSatisfying(
              CorruptFileException.class,
              e -> assertThat(e.file()).isEqualTo(segments.get(3).path()))
          .hasMessageContaining("missing");
    }
  }

  @Test
  void aSegmentFromANewerFormatVersionIsRefusedWithAVersionError() throws IOException {
    WalSegment segment = writeLog(Config.defaults(), 3).get(0);
    byte[] clean = IO.readAll(segment.path());
    FileFormat newer = FileFormat.of(SegmentHeader.FORMAT.name(), 1, 2);
    byte[] header;
    try (ChecksumOutput out = ChecksumOutput.toMemory(segment.path())) {
      newer.writeHeader(out);
      out.writeLong(1);
      out.writeLong(1 << 20);
      out.writeInt(1 << 20);
      out.writeFooter();
      header = out.toByteArray();
    }
    System.arraycopy(header, 0, clean, 0, header.length);
    overwrite(segment.path(), clean);
    assertThatThrownBy(() -> WriteAheadLog.open(IO, walDir(), Config.defaults()))
        .isInstanceOf(FormatVersionException.class)
        .hasMessageContaining("version 2");
  }
}
