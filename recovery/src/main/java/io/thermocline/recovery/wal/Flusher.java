package io.thermocline.recovery.wal;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The log's only writer: a dedicated thread that drains whole groups of committers' records from
 * the {@link CommitQueue}, frames them into one buffer, writes them with one call and, per the
 * fsync policy, fsyncs once for the whole group before acknowledging it. It owns the active segment
 * and rolls it. The counters are written by this thread only and read racily by others.
 */
final class Flusher implements Runnable {
  private final CommitQueue queue;
  private final FileIO io;
  private final String directory;
  private final WalSettings settings;
  private final SegmentList segments;
  private final long intervalNanos;
  private final List<CommitQueue.Pending> group = new ArrayList<>();
  private final CRC32C crc = new CRC32C();
  private byte[] buffer = new byte[64 * 1024];
  private ActiveSegment active;
  private long writtenLsn;
  private long durableLsn;
  private long lastSyncNanos;

  /** Bytes of the active segment up to the last acknowledged record; a failure cuts back to it. */
  private long acknowledgedPosition;

  private volatile long records;
  private volatile long bytes;
  private volatile long writeGroups;
  private volatile long fsyncs;

  Flusher(
      CommitQueue queue,
      FileIO io,
      String directory,
      WalSettings settings,
      SegmentList segments,
      ActiveSegment active,
      long lastLsn) {
    this.queue = queue;
    this.io = io;
    this.directory = directory;
    this.settings = settings;
    this.segments = segments;
    this.active = active;
    this.writtenLsn = lastLsn;
    this.durableLsn = lastLsn;
    this.acknowledgedPosition = active.position();
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.fsyncIntervalMs());
    this.lastSyncNanos = System.nanoTime() - intervalNanos;
  }

  @Override
  public void run() {
    boolean batch = settings.fsyncPolicy() == FsyncPolicy.BATCH;
    try {
      while (true) {
        long timeout = -1;
        if (batch && active.unsyncedBytes() > 0) {
          timeout = Math.max(0, lastSyncNanos + intervalNanos - System.nanoTime());
        }
        CommitQueue.Drained drained = queue.drain(group, settings.writeBatchBytes(), timeout);
        if (drained == CommitQueue.Drained.RECORDS) {
          writeGroup(batch);
          group.clear();
        }
        boolean closing = drained == CommitQueue.Drained.CLOSED;
        if (active.unsyncedBytes() > 0
            && (!batch || closing || System.nanoTime() - lastSyncNanos >= intervalNanos)) {
          sync();
        }
        publish();
        if (closing) {
          break;
        }
      }
    } catch (ThermoException e) {
      fail(e);
    } catch (RuntimeException | Error e) {
      fail(new ThermoException(ErrorCode.INTERNAL, "write-ahead log flusher crashed", e));
      throw e;
    } finally {
      try {
        active.close();
      } catch (IOException e) {
        // Every acknowledged byte was written (and, under SYNC, synced) before this close.
      }
    }
  }

  WalStats stats() {
    return new WalStats(
        records, bytes, writeGroups, fsyncs, queue.acknowledgedLsn(), queue.durableLsn());
  }

  /** Writes the group, rolling to a new segment where the active one would overflow. */
  private void writeGroup(boolean batch) {
    int i = 0;
    int n = group.size();
    while (i < n) {
      CommitQueue.Pending head = group.get(i);
      if (!active.isEmpty() && active.position() + head.frameLength() > settings.segmentBytes()) {
        roll(head.lsn());
      }
      long room = settings.segmentBytes() - active.position();
      int used = 0;
      int first = i;
      while (i < n) {
        CommitQueue.Pending p = group.get(i);
        int frame = p.frameLength();
        if (used > 0 && used + frame > room) {
          break;
        }
        if (used + frame > buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.max(used + frame, buffer.length * 2));
        }
        used += RecordFrame.encode(buffer, used, p.lsn(), p.txn(), p.type(), p.payload(), crc);
        i++;
      }
      // Never let more than one group sit unsynced: that is the torn-tail bound recovery relies on.
      if (batch
          && active.unsyncedBytes() > 0
          && active.unsyncedBytes() + used > settings.writeBatchBytes()) {
        sync();
      }
      write(used);
      writtenLsn = group.get(i - 1).lsn();
      records += i - first;
      bytes += used;
      writeGroups++;
    }
  }

  private void write(int length) {
    try {
      active.write(buffer, 0, length);
    } catch (IOException e) {
      throw ioFailure("write", e);
    }
  }

  private void sync() {
    try {
      active.sync();
    } catch (IOException e) {
      throw ioFailure("fsync", e);
    }
    fsyncs++;
    durableLsn = writtenLsn;
    lastSyncNanos = System.nanoTime();
  }

  /** Acknowledges what the policy allows: written records under BATCH, synced ones under SYNC. */
  private void publish() {
    boolean batch = settings.fsyncPolicy() == FsyncPolicy.BATCH;
    long acknowledged = batch ? writtenLsn : durableLsn;
    acknowledgedPosition =
        batch || active.unsyncedBytes() == 0 ? active.position() : acknowledgedPosition;
    queue.publish(acknowledged, durableLsn);
  }

  /** Seals the active segment (fsynced whole) and starts one whose first record is {@code lsn}. */
  private void roll(long lsn) {
    if (active.unsyncedBytes() > 0) {
      sync();
    }
    publish();
    ActiveSegment next;
    try {
      next = ActiveSegment.create(io, directory, lsn, settings);
    } catch (IOException e) {
      throw ioFailure("creating the segment for LSN " + lsn, e);
    }
    segments.add(new SegmentList.Entry(next.path(), lsn));
    ActiveSegment sealed = active;
    active = next;
    acknowledgedPosition = next.position();
    try {
      sealed.close();
    } catch (IOException e) {
      // Sealed and synced above; a failing close loses nothing.
    }
  }

  private ThermoException ioFailure(String operation, IOException e) {
    return new ThermoException(
        ErrorCode.IO_ERROR,
        "write-ahead log " + operation + " failed on " + active.path() + ": " + e.getMessage(),
        e);
  }

  /**
   * Stops the log: no record after the last acknowledged one will be acknowledged. Cuts the active
   * segment back to the acknowledged records, so that a failed group does not reappear after a
   * restart (best effort; recovery handles whatever remains).
   */
  private void fail(ThermoException cause) {
    try {
      active.close();
      io.truncate(active.path(), acknowledgedPosition);
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
    // Only now wake the committers, so that one who reopens the log finds the cut already made.
    queue.fail(cause);
  }
}
