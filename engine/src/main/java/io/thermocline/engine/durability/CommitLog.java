package io.thermocline.engine.durability;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.recovery.wal.RecoveryReport;
import io.thermocline.recovery.wal.SegmentRetention;
import io.thermocline.recovery.wal.WalSettings;
import io.thermocline.recovery.wal.WriteAheadLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine's side of the write-ahead log in {@code <data>/wal}: commit records, intents of
 * commits that change a cold tier, and DDL records, each appended and waited for (durable under the
 * fsync policy, {@code wal.fsync.policy}) before the commit is published. A commit whose rows
 * exceed {@code wal.commit.chunk.bytes} is streamed as ROWS records followed by its COMMIT record.
 * Every record is stamped with the wall-clock time (UTC microseconds) at append, never lower than
 * the time of any record before it, also across restarts.
 *
 * <p>Concurrency: thread-safe (the log's group commit; the time stamp under this object's monitor);
 * the engine appends under the commit lock, so records are in commit-id order, and may wait for
 * them outside it.
 */
public final class CommitLog implements AutoCloseable {
  private final WriteAheadLog wal;
  private final int chunkBytes;
  private long lastTimeMicros;
  private java.util.concurrent.atomic.AtomicReference<SegmentRetention> retention;

  private CommitLog(WriteAheadLog wal, int chunkBytes) {
    this.wal = wal;
    this.chunkBytes = chunkBytes;
  }

  /** Opens (recovering: a torn tail is cut) or creates the log under the data directory. */
  public static CommitLog open(Path dataDirectory, Config config) {
    int chunk = config.get(WalSettings.COMMIT_CHUNK_BYTES);
    int recordMax = config.get(WalSettings.RECORD_MAX_BYTES);
    if (chunk > recordMax / 2) {
      // A chunk may overshoot by one row; half the record cap leaves room for rows of MBs.
      throw new ThermoException(
          ErrorCode.INVALID_CONFIG,
          WalSettings.COMMIT_CHUNK_BYTES.name()
              + " = "
              + chunk
              + " must be at most half of "
              + WalSettings.RECORD_MAX_BYTES.name()
              + " = "
              + recordMax);
    }
    String dir = dataDirectory.resolve("wal").toString();
    java.util.concurrent.atomic.AtomicReference<SegmentRetention> retention =
        new java.util.concurrent.atomic.AtomicReference<>(SegmentRetention.NONE);
    CommitLog log =
        new CommitLog(
            WriteAheadLog.open(LocalFileIO.INSTANCE, dir, config, s -> retention.get().keep(s)),
            chunk);
    log.retention = retention;
    return log;
  }

  /**
   * Sets what the log asks before a checkpoint's truncation deletes a segment: log backups keep the
   * segments they have not copied yet.
   */
  public void retainSegments(SegmentRetention r) {
    retention.set(r == null ? SegmentRetention.NONE : r);
  }

  /**
   * Stamps {@code record} with the commit time and appends it (a big COMMIT as ROWS records plus
   * its COMMIT record), waiting until it is acknowledged; returns the LSN of its last record.
   */
  public long append(CommitRecord record) {
    long lsn = appendNoWait(record);
    wal.awaitAcknowledged(lsn);
    return lsn;
  }

  /**
   * As {@link #append}, but returns the LSN of the record's last piece without waiting (group
   * commit: the committer waits with {@link #awaitAcknowledged} after releasing the commit lock).
   */
  public long appendNoWait(CommitRecord record) {
    CommitRecord stamped = record.withCommitTime(nextTimeMicros());
    List<CommitRecord> pieces =
        stamped.kind() == CommitRecord.Kind.COMMIT
            ? RecordChunker.split(stamped, chunkBytes)
            : List.of(stamped);
    long lsn = 0;
    for (CommitRecord piece : pieces) {
      // Records are written in LSN order: waiting for the last one covers the others.
      lsn = wal.appendNoWait(record.cid(), CommitRecord.WAL_TYPE, piece.encode());
    }
    return lsn;
  }

  /** Blocks until {@code lsn} (and every record before it) is acknowledged; throws if it failed. */
  public void awaitAcknowledged(long lsn) {
    wal.awaitAcknowledged(lsn);
  }

  /** The time stamp of the next record: now, or the last stamp if the clock went back. */
  private synchronized long nextTimeMicros() {
    long now = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
    lastTimeMicros = Math.max(lastTimeMicros, now);
    return lastTimeMicros;
  }

  /** Raises the floor of future time stamps (a time found in the log or a checkpoint). */
  public synchronized void noteTimeMicros(long micros) {
    lastTimeMicros = Math.max(lastTimeMicros, micros);
  }

  /** The newest time stamp handed out or noted. */
  public synchronized long lastTimeMicros() {
    return lastTimeMicros;
  }

  /**
   * Delivers every record from {@code fromLsn} on, decoded, in log order, and notes their time
   * stamps; returns how many.
   */
  public long forEach(long fromLsn, Consumer<Logged> consumer) {
    long from = Math.max(fromLsn, wal.firstLsn());
    return wal.replay(
        from,
        r -> {
          if (r.type() == CommitRecord.WAL_TYPE) {
            CommitRecord record =
                CommitRecord.decode(r.payload(), "at LSN " + r.lsn() + " in " + wal.directory());
            noteTimeMicros(record.commitTimeMicros());
            consumer.accept(new Logged(r.lsn(), record));
          }
        });
  }

  /** Every record from {@code fromLsn} on, decoded, in log order. */
  public List<Logged> readFrom(long fromLsn) {
    List<Logged> out = new ArrayList<>();
    forEach(fromLsn, out::add);
    return out;
  }

  /** One record and its LSN. */
  public record Logged(long lsn, CommitRecord record) {}

  /** What opening the log found (a cut torn tail, the LSN range). */
  public RecoveryReport recoveryReport() {
    return wal.recoveryReport();
  }

  /** The newest acknowledged LSN. */
  public long acknowledgedLsn() {
    return wal.acknowledgedLsn();
  }

  /** Deletes log segments whose records all precede {@code lsn}. */
  public void truncateBefore(long lsn) {
    wal.truncateBefore(lsn);
  }

  /** The underlying log (statistics, segments). */
  public WriteAheadLog wal() {
    return wal;
  }

  @Override
  public void close() {
    wal.close();
  }
}
