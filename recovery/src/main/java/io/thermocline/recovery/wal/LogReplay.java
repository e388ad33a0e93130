package io.thermocline.recovery.wal;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.ReadableFile;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads records in LSN order across segments, verifying every frame and the LSN continuity between
 * segments. Bounded by an acknowledged LSN: records up to it were completely written before it was
 * published, so anything invalid before it is corruption, never a record still being written.
 * Stateless.
 */
final class LogReplay {
  private LogReplay() {}

  /** Delivers records {@code fromLsn..toLsn}; returns how many. */
  static long replay(
      FileIO io,
      List<SegmentList.Entry> segments,
      long fromLsn,
      long toLsn,
      Consumer<WalRecord> consumer)
      throws IOException {
    long firstLsn = segments.get(0).baseLsn();
    if (fromLsn < firstLsn && firstLsn > 1) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "cannot replay from LSN "
              + fromLsn
              + ": the log starts at LSN "
              + firstLsn
              + " (older segments were truncated after a checkpoint)");
    }
    int start = 0;
    for (int i = 1; i < segments.size() && segments.get(i).baseLsn() <= fromLsn; i++) {
      start = i;
    }
    long delivered = 0;
    long expected = segments.get(start).baseLsn();
    long lastEnd = 0;
    for (int i = start; i < segments.size() && expected <= toLsn; i++) {
      SegmentList.Entry entry = segments.get(i);
      if (entry.baseLsn() != expected) {
        throw new CorruptFileException(
            entry.path(),
            0,
            "segment starts at LSN "
                + entry.baseLsn()
                + " but the one before it ends at LSN "
                + (expected - 1)
                + " (a segment is missing or was cut short)");
      }
      try (ReadableFile file = io.open(entry.path())) {
        SegmentHeader header = SegmentHeader.read(file, entry.baseLsn());
        SegmentScanner scanner =
            new SegmentScanner(
                file, SegmentHeader.LENGTH, file.length(), expected, header.recordMaxBytes);
        while (scanner.nextLsn() <= toLsn && scanner.next()) {
          if (scanner.lsn() >= fromLsn) {
            consumer.accept(
                new WalRecord(scanner.lsn(), scanner.txn(), scanner.type(), scanner.payload()));
            delivered++;
          }
        }
        if (scanner.problem() != null && scanner.nextLsn() <= toLsn) {
          throw new CorruptFileException(entry.path(), scanner.position(), scanner.problem());
        }
        expected = scanner.nextLsn();
        lastEnd = scanner.position();
      }
    }
    if (expected <= toLsn) {
      SegmentList.Entry last = segments.get(segments.size() - 1);
      throw new CorruptFileException(
          last.path(),
          lastEnd,
          "the log ends at LSN " + (expected - 1) + " but LSN " + toLsn + " was acknowledged");
    }
    return delivered;
  }
}
