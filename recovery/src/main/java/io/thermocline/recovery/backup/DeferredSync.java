package io.thermocline.recovery.backup;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fsyncs local files on a few background threads while the copies go on, so that the disk writes
 * back one file while the next is read and hashed; {@link #await} returns once every file handed
 * over is durable. A backup (or restore) counts as done only after {@code await}: the manifest is
 * written afterwards, so a crash before it leaves an unfinished backup, never a finished one with
 * unsynced files.
 *
 * <p>Concurrency: {@link #forceAndClose}, {@link #syncFile} and {@link #syncDirectory} may be
 * called from any thread; {@link #await} and {@link #close} from the owner only.
 */
public final class DeferredSync implements AutoCloseable {
  private final ExecutorService pool;
  private final List<Future<?>> pending = new ArrayList<>();

  /** A pool of {@code threads} syncing threads (fsync blocks on the disk, not on a core). */
  public DeferredSync(int threads, String name) {
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, threads),
            r -> {
              Thread t = new Thread(r, "thermo-sync " + name);
              t.setDaemon(true);
              return t;
            });
  }

  /** Takes over {@code channel} (a file just written): forces its data, then closes it. */
  public void forceAndClose(FileChannel channel, String file) {
    submit(
        file,
        () -> {
          try (FileChannel c = channel) {
            c.force(false);
          }
        });
  }

  /**
   * Fsyncs the local file {@code file}; the file is opened now, so a rename before the sync runs
   * does not lose it.
   */
  public void syncFile(String file) throws IOException {
    forceAndClose(FileChannel.open(Path.of(file), StandardOpenOption.READ), file);
  }

  /** Fsyncs the local directory {@code directory} (its entries: creates and renames). */
  public void syncDirectory(String directory) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(Path.of(directory), StandardOpenOption.READ);
    } catch (IOException e) {
      // Same rule as LocalFileIO.syncDirectory: a platform that cannot open a directory skips it.
      return;
    }
    submit(
        directory,
        () -> {
          try (FileChannel c = ch) {
            c.force(true);
          }
        });
  }

  private interface SyncTask {
    void run() throws IOException;
  }

  private void submit(String file, SyncTask task) {
    Future<?> f =
        pool.submit(
            () -> {
              try {
                task.run();
              } catch (IOException e) {
                throw new ThermoException(
                    ErrorCode.IO_ERROR, "fsync of " + file + " failed: " + e.getMessage(), e);
              }
              return null;
            });
    synchronized (pending) {
      pending.add(f);
    }
  }

  /** Waits until every file handed over so far is synced; the first failure is thrown. */
  public void await() {
    List<Future<?>> all;
    synchronized (pending) {
      all = new ArrayList<>(pending);
      pending.clear();
    }
    try {
      for (Future<?> f : all) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ThermoException(ErrorCode.IO_ERROR, "fsync failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ThermoException(ErrorCode.IO_ERROR, "interrupted while syncing files", e);
    }
  }

  /** Stops the pool after the syncs already handed over ran (their channels are then closed). */
  @Override
  public void close() {
    pool.shutdown();
    try {
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
