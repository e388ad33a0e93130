package io.thermocline.engine.durability;

import io.thermocline.common.config.Config;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.recovery.wal.RecoveryReport;
import io.thermocline.recovery.wal.WriteAheadLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's side of the write-ahead log in {@code <data>/wal}: commit records, intents of
 * commits that change a cold tier, and DDL records, each appended and waited for (durable under the
 * fsync policy, {@code wal.fsync.policy}) before the commit is published.
 *
 * <p>Concurrency: thread-safe (the log's group commit); the engine calls it under the commit lock,
 * so records are in commit-id order.
 */
public final class CommitLog implements AutoCloseable {
  private final WriteAheadLog wal;

  private CommitLog(WriteAheadLog wal) {
    this.wal = wal;
  }

  /** Opens (recovering: a torn tail is cut) or creates the log under the data directory. */
  public static CommitLog open(Path dataDirectory, Config config) {
    String dir = dataDirectory.resolve("wal").toString();
    return new CommitLog(WriteAheadLog.open(LocalFileIO.INSTANCE, dir, config));
  }

  /** Appends {@code record} and waits until it is acknowledged; returns its LSN. */
  public long append(CommitRecord record) {
    return wal.append(record.cid(), CommitRecord.WAL_TYPE, record.encode());
  }

  /** Every record from {@code fromLsn} on, decoded, in log order. */
  public List<Logged> readFrom(long fromLsn) {
    List<Logged> out = new ArrayList<>();
    long from = Math.max(fromLsn, wal.firstLsn());
    wal.replay(
        from,
        r -> {
          if (r.type() == CommitRecord.WAL_TYPE) {
            out.add(
                new Logged(
                    r.lsn(),
                    CommitRecord.decode(
                        r.payload(), "at LSN " + r.lsn() + " in " + wal.directory())));
          }
        });
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
