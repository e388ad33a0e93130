package io.thermocline.recovery.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exported range of records is one segment that a log opened on it recovers and replays: the
 * same LSNs, transactions, types and payloads, nothing before or after the range; damage in the
 * source range is reported, not exported.
 */
class WalExportTest {
  private static final FileIO IO = LocalFileIO.INSTANCE;

  @TempDir Path dir;

  private List<String> sourceLog(int records) {
    String wal = dir.resolve("wal").toString();
    try (WriteAheadLog log =
        WriteAheadLog.open(IO, wal, Config.defaults().with(WalSettings.SEGMENT_BYTES, 4096L))) {
      for (long lsn = 1; lsn <= records; lsn++) {
        log.appendNoWait(lsn, 3, Payloads.varying(lsn, 200));
      }
      log.awaitAcknowledged(records);
      List<String> paths = new ArrayList<>();
      for (WalSegment s : log.segments()) {
        paths.add(s.path());
      }
      assertThat(paths.size()).isGreaterThan(5);
      return paths;
    }
  }

  @Test
  void anExportedRangeReplaysAsExactlyThoseRecords() {
    List<String> segments = sourceLog(300);
    for (long[] range : new long[][] {{1, 300}, {57, 211}, {150, 150}, {299, 300}, {120, 119}}) {
      Path out = dir.resolve("export-" + range[0] + "-" + range[1]);
      String file = out.resolve(WalExport.fileName(range[0])).toString();
      out.toFile().mkdirs();
      long length = WalExport.write(IO, segments, range[0], range[1], IO, file);
      assertThat(Files.exists(Path.of(file))).isTrue();
      assertThat(length).isEqualTo(Path.of(file).toFile().length());
      try (WriteAheadLog log = WriteAheadLog.open(IO, out.toString(), Config.defaults())) {
        assertThat(log.recoveryReport().tailCut()).isFalse();
        List<WalRecord> records = new ArrayList<>();
        log.replay(range[0], records::add);
        if (range[1] < range[0]) {
          assertThat(records).isEmpty();
        } else {
          Payloads.assertVarying(records, range[0], range[1], 200);
          assertThat(records).extracting(WalRecord::txn).containsExactlyElementsOf(lsns(range));
        }
        // The export continues as a log: the next append gets the LSN after the range.
        assertThat(log.append(0, 1, new byte[1])).isEqualTo(Math.max(range[0], range[1] + 1));
      }
    }
  }

  @Test
  void damageInTheRangeIsReportedNotExported() throws IOException {
    List<String> segments = sourceLog(300);
    String second = segments.get(1);
    try (RandomAccessFile f = new RandomAccessFile(second, "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0x40);
    }
    String file = dir.resolve(WalExport.fileName(1)).toString();
    assertThatThrownBy(() -> WalExport.write(IO, segments, 1, 300, IO, file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(Path.of(second).getFileName().toString());
    // A range after the damaged segment does not read it.
    long last = 300;
    long from = SegmentNames.baseLsn(Path.of(segments.get(2)).getFileName().toString());
    String later = dir.resolve(WalExport.fileName(from)).toString();
    WalExport.write(IO, segments, from, last, IO, later);
    assertThat(Files.size(Path.of(later))).isPositive();
  }

  private static List<Long> lsns(long[] range) {
    List<Long> out = new ArrayList<>();
    for (long l = range[0]; l <= range[1]; l++) {
      out.add(l);
    }
    return out;
  }
}
