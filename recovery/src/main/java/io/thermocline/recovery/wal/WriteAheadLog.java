package io.thermocline.recovery.wal;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The write-ahead log (DESIGN.md section 6): records {@code [length][CRC32C][LSN][txn][type]
 * [payload]} in segment files {@code wal-<base LSN>.log}, LSNs dense from 1.
 *
 * <p>Concurrency: any number of threads append. LSNs are assigned under one lock in queue order; a
 * dedicated flusher thread (the single writer) writes each group of queued records with one write
 * and, under {@link FsyncPolicy#SYNC}, one fsync, then wakes the committers it covered (group
 * commit). Replay may run while appends go on and sees records up to the acknowledged LSN at its
 * start; {@link #truncateBefore} waits for running replays. A failed write or fsync stops the log:
 * the records it covered and every later append fail with {@link ErrorCode#IO_ERROR}, and the log
 * must be closed and reopened (which runs recovery), as a database restarts after an fsync error.
 *
 * <p>Opening runs recovery (see {@link RecoveryReport}): a torn tail of the last segment is cut and
 * reported; damage anywhere else is a {@link io.thermocline.common.error.CorruptFileException}
 * naming the segment and offset, raised by open or by the replay that reads it.
 */
public final class WriteAheadLog implements AutoCloseable {
  private final FileIO io;
  private final String directory;
  private final WalSettings settings;
  private final SegmentRetention retention;
  private final RecoveryReport recoveryReport;
  private final SegmentList segments;
  private final CommitQueue queue;
  private final Flusher flusher;
  private final Thread flusherThread;

  /** Replays hold it shared, truncation exclusively, so no segment vanishes under a reader. */
  private final ReentrantReadWriteLock segmentFiles = new ReentrantReadWriteLock();

  private WriteAheadLog(
      FileIO io,
      String directory,
      WalSettings settings,
      SegmentRetention retention,
      LogRecovery.Result recovered,
      ActiveSegment active,
      List<SegmentList.Entry> entries) {
    this.io = io;
    this.directory = directory;
    this.settings = settings;
    this.retention = retention;
    this.recoveryReport = recovered.report();
    this.segments = new SegmentList(entries);
    long pendingLimit =
        Math.max(
            4L * settings.writeBatchBytes(),
            2L * RecordFrame.frameLength(settings.recordMaxBytes()));
    this.queue = new CommitQueue("write-ahead log " + directory, recovered.nextLsn(), pendingLimit);
    this.flusher =
        new Flusher(queue, io, directory, settings, segments, active, recovered.nextLsn() - 1);
    this.flusherThread = new Thread(flusher, "thermo-wal-flusher " + directory);
    flusherThread.setDaemon(true);
    flusherThread.start();
  }

  /** Opens (recovering) or creates the log in {@code directory}; keeps no segment for backups. */
  public static WriteAheadLog open(FileIO io, String directory, Config config) {
    return open(io, directory, config, SegmentRetention.NONE);
  }

  /**
   * Opens (recovering) or creates the log in {@code directory}.
   *
   * @param retention asked before {@link #truncateBefore} deletes a segment
   */
  public static WriteAheadLog open(
      FileIO io, String directory, Config config, SegmentRetention retention) {
    WalSettings settings = WalSettings.from(config);
    try {
      LogRecovery.Result recovered = LogRecovery.recover(io, directory);
      List<SegmentList.Entry> entries = new ArrayList<>(recovered.sealed());
      ActiveSegment active;
      SegmentHeader header = recovered.activeHeader();
      if (header != null
          && header.tornTailBound >= settings.tornTailBound()
          && header.recordMaxBytes >= settings.recordMaxBytes()
          && recovered.activeEnd() < settings.segmentBytes()) {
        active =
            ActiveSegment.reopen(
                io,
                recovered.active().path(),
                header.baseLsn,
                SegmentHeader.LENGTH,
                recovered.activeEnd());
        entries.add(recovered.active());
      } else {
        // A segment written under smaller limits keeps them: new appends go to a new segment.
        if (recovered.active() != null) {
          ActiveSegment.seal(io, recovered.active().path());
          entries.add(recovered.active());
        }
        active = ActiveSegment.create(io, directory, recovered.nextLsn(), settings);
        entries.add(new SegmentList.Entry(active.path(), recovered.nextLsn()));
      }
      return new WriteAheadLog(io, directory, settings, retention, recovered, active, entries);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "cannot open the write-ahead log in " + directory + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Creates a log in {@code directory}, which must hold none, whose first record will get LSN
   * {@code firstLsn}. A restored data directory needs it: its hot checkpoint names the first log
   * record it does not cover, and the log written next to it must continue from there, or a restart
   * would skip the first commits made after the restore.
   *
   * @throws ThermoException {@link ErrorCode#INVALID_ARGUMENT} if the directory holds a log already
   *     or {@code firstLsn < 1}
   */
  public static WriteAheadLog create(FileIO io, String directory, Config config, long firstLsn) {
    if (firstLsn < 1) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "a log starts at LSN 1 or later, not " + firstLsn);
    }
    WalSettings settings = WalSettings.from(config);
    try {
      LogRecovery.Result found = LogRecovery.recover(io, directory);
      if (found.active() != null || !found.sealed().isEmpty()) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "cannot create a write-ahead log in " + directory + ": it holds one already");
      }
      ActiveSegment active = ActiveSegment.create(io, directory, firstLsn, settings);
      LogRecovery.Result empty =
          new LogRecovery.Result(
              List.of(),
              null,
              null,
              0,
              firstLsn,
              new RecoveryReport(1, firstLsn, firstLsn - 1, null, 0, 0, null));
      return new WriteAheadLog(
          io,
          directory,
          settings,
          SegmentRetention.NONE,
          empty,
          active,
          List.of(new SegmentList.Entry(active.path(), firstLsn)));
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "cannot create the write-ahead log in " + directory + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Appends a record and waits until it is acknowledged: durable under {@link FsyncPolicy#SYNC},
   * written under {@link FsyncPolicy#BATCH}. The caller must not change {@code payload} until this
   * returns.
   *
   * @param type the record kind, 1..255
   * @return the record's LSN
   * @throws ThermoException {@link ErrorCode#IO_ERROR} if the log failed; the record is then not
   *     acknowledged (it may or may not survive a restart)
   */
  public long append(long txn, int type, byte[] payload) {
    long lsn = appendNoWait(txn, type, payload);
    queue.awaitAcknowledged(lsn);
    return lsn;
  }

  /**
   * Queues a record and returns its LSN at once, without waiting (for records a later commit record
   * will cover; {@link #awaitAcknowledged} of the commit covers them too, since the log is written
   * in LSN order). The caller must not change {@code payload} until the LSN is acknowledged. Blocks
   * only while the queue holds too many bytes.
   */
  public long appendNoWait(long txn, int type, byte[] payload) {
    if (type < 1 || type > 255) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "WAL record type " + type + " is outside 1..255");
    }
    if (payload.length > settings.recordMaxBytes()) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "WAL record of "
              + payload.length
              + " bytes exceeds "
              + WalSettings.RECORD_MAX_BYTES.name()
              + " = "
              + settings.recordMaxBytes());
    }
    return queue.enqueue(txn, type, payload);
  }

  /** Blocks until {@code lsn} (and so every LSN before it) is acknowledged. */
  public void awaitAcknowledged(long lsn) {
    queue.awaitAcknowledged(lsn);
  }

  /**
   * Delivers every record from {@code fromLsn} up to the last acknowledged one, in LSN order, on
   * the calling thread. The consumer must not call {@link #truncateBefore}.
   *
   * @return how many records were delivered
   * @throws io.thermocline.common.error.CorruptFileException naming segment and offset if a record
   *     before the end is damaged or a segment is missing
   * @throws ThermoException {@link ErrorCode#INVALID_ARGUMENT} if {@code fromLsn} was truncated
   */
  public long replay(long fromLsn, Consumer<WalRecord> consumer) {
    segmentFiles.readLock().lock();
    try {
      long toLsn = queue.acknowledgedLsn();
      return LogReplay.replay(io, segments.snapshot(), fromLsn, toLsn, consumer);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "replay of the write-ahead log in " + directory + " failed: " + e.getMessage(),
          e);
    } finally {
      segmentFiles.readLock().unlock();
    }
  }

  /**
   * Deletes the oldest segments whose records all precede {@code lsn} (a checkpoint covers them),
   * oldest first, stopping at the active segment or at the first one {@link SegmentRetention}
   * keeps.
   *
   * @return the segments deleted
   */
  public List<WalSegment> truncateBefore(long lsn) {
    segmentFiles.writeLock().lock();
    try {
      List<SegmentList.Entry> all = segments.snapshot();
      List<WalSegment> deleted = new ArrayList<>();
      for (int i = 0; i + 1 < all.size() && all.get(i + 1).baseLsn() <= lsn; i++) {
        SegmentList.Entry entry = all.get(i);
        WalSegment segment =
            new WalSegment(entry.path(), entry.baseLsn(), all.get(i + 1).baseLsn() - 1);
        if (retention.keep(segment)) {
          break;
        }
        io.delete(entry.path());
        segments.removeHead(entry);
        deleted.add(segment);
      }
      if (!deleted.isEmpty()) {
        io.syncDirectory(directory);
      }
      return deleted;
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "truncating the write-ahead log in " + directory + " failed: " + e.getMessage(),
          e);
    } finally {
      segmentFiles.writeLock().unlock();
    }
  }

  /** The segments, oldest first; the last is the active one. */
  public List<WalSegment> segments() {
    List<SegmentList.Entry> all = segments.snapshot();
    List<WalSegment> out = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      long last = i + 1 < all.size() ? all.get(i + 1).baseLsn() - 1 : queue.acknowledgedLsn();
      out.add(new WalSegment(all.get(i).path(), all.get(i).baseLsn(), last));
    }
    return out;
  }

  /** What recovery found when this log was opened. */
  public RecoveryReport recoveryReport() {
    return recoveryReport;
  }

  /** LSN of the oldest record still in the log. */
  public long firstLsn() {
    return segments.snapshot().get(0).baseLsn();
  }

  /** Highest LSN acknowledged to committers (0 if none). */
  public long acknowledgedLsn() {
    return queue.acknowledgedLsn();
  }

  /** Highest LSN known to be fsynced; equals {@link #acknowledgedLsn} under SYNC. */
  public long durableLsn() {
    return queue.durableLsn();
  }

  public WalSettings settings() {
    return settings;
  }

  public String directory() {
    return directory;
  }

  public WalStats stats() {
    return flusher.stats();
  }

  /**
   * Writes and syncs what is queued, then stops the flusher. Appends racing with close fail. A log
   * that failed earlier closes quietly; its failure was reported to the committers.
   */
  @Override
  public void close() {
    queue.close();
    boolean interrupted = false;
    while (flusherThread.isAlive()) {
      try {
        flusherThread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
