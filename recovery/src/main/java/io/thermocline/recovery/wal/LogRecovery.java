package io.thermocline.recovery.wal;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.ReadableFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What opening a log does before any append (as Kafka's {@code LogSegment.recover}): check every
 * segment header, scan the last segment record by record and cut it at the first invalid byte if
 * that byte is close enough to the end to be an interrupted write. Sealed segments were fsynced
 * whole before the next one was created, so damage in them is never a torn tail; their records are
 * verified when replay reads them. Stateless.
 */
final class LogRecovery {
  /**
   * The recovered log.
   *
   * @param sealed segments before the active one
   * @param active the segment to append to, or null if a new one must be created
   * @param activeHeader its header, or null
   * @param activeEnd offset after its last valid record
   * @param nextLsn LSN the next append gets
   * @param report what recovery found
   */
  record Result(
      List<SegmentList.Entry> sealed,
      SegmentList.Entry active,
      SegmentHeader activeHeader,
      long activeEnd,
      long nextLsn,
      RecoveryReport report) {}

  private LogRecovery() {}

  static Result recover(FileIO io, String directory) throws IOException {
    io.mkdirs(directory);
    List<SegmentList.Entry> segments = new ArrayList<>();
    for (String name : io.list(directory)) {
      long base = SegmentNames.baseLsn(name);
      if (base >= 0) {
        segments.add(new SegmentList.Entry(io.resolve(directory, name), base));
      }
    }
    if (segments.isEmpty()) {
      return new Result(List.of(), null, null, 0, 1, new RecoveryReport(0, 1, 0, null, 0, 0, null));
    }
    List<SegmentList.Entry> sealed = new ArrayList<>(segments.subList(0, segments.size() - 1));
    for (SegmentList.Entry entry : sealed) {
      try (ReadableFile file = io.open(entry.path())) {
        SegmentHeader.read(file, entry.baseLsn());
      }
    }
    long firstLsn = segments.get(0).baseLsn();
    SegmentList.Entry last = segments.get(segments.size() - 1);
    LastSegment scan = scanLast(io, last);
    if (scan.header == null) {
      return removeTornSegment(io, directory, sealed, last, scan, firstLsn, segments.size());
    }
    long lastLsn = scan.nextLsn - 1;
    if (scan.problem == null) {
      return new Result(
          sealed,
          last,
          scan.header,
          scan.end,
          scan.nextLsn,
          new RecoveryReport(segments.size(), firstLsn, lastLsn, null, 0, 0, null));
    }
    long tail = scan.length - scan.end;
    if (tail > scan.header.tornTailBound) {
      throw new CorruptFileException(
          last.path(),
          scan.end,
          scan.problem
              + "; "
              + tail
              + " bytes follow, more than the "
              + scan.header.tornTailBound
              + " an interrupted write can leave, so this is damage, not a torn tail");
    }
    io.truncate(last.path(), scan.end);
    return new Result(
        sealed,
        last,
        scan.header,
        scan.end,
        scan.nextLsn,
        new RecoveryReport(
            segments.size(), firstLsn, lastLsn, last.path(), scan.end, tail, scan.problem));
  }

  /** What a scan of the last segment found; {@code header} is null if it failed to read. */
  private static final class LastSegment {
    long length;
    SegmentHeader header;
    CorruptFileException headerError;
    long end;
    long nextLsn;
    String problem;
  }

  private static LastSegment scanLast(FileIO io, SegmentList.Entry last) throws IOException {
    LastSegment scan = new LastSegment();
    try (ReadableFile file = io.open(last.path())) {
      scan.length = file.length();
      try {
        scan.header = SegmentHeader.read(file, last.baseLsn());
      } catch (CorruptFileException e) {
        if (scan.length > SegmentHeader.LENGTH) {
          // Records follow, so the header was synced before them: this is damage, not a crash.
          throw e;
        }
        scan.headerError = e;
        return scan;
      }
      SegmentScanner scanner =
          new SegmentScanner(
              file,
              SegmentHeader.LENGTH,
              scan.length,
              scan.header.baseLsn,
              scan.header.recordMaxBytes);
      while (scanner.next()) {
        // Validating every record is the point; the records themselves are not needed here.
      }
      scan.end = scanner.position();
      scan.nextLsn = scanner.nextLsn();
      scan.problem = scanner.problem();
      return scan;
    }
  }

  /** The last segment's creation was interrupted before its header was durable: remove it. */
  private static Result removeTornSegment(
      FileIO io,
      String directory,
      List<SegmentList.Entry> sealed,
      SegmentList.Entry torn,
      LastSegment scan,
      long firstLsn,
      int found)
      throws IOException {
    io.delete(torn.path());
    io.syncDirectory(directory);
    long nextLsn = torn.baseLsn();
    return new Result(
        sealed,
        null,
        null,
        0,
        nextLsn,
        new RecoveryReport(
            found,
            sealed.isEmpty() ? nextLsn : firstLsn,
            nextLsn - 1,
            torn.path(),
            0,
            scan.length,
            "segment creation interrupted: " + scan.headerError.getMessage()));
  }
}
