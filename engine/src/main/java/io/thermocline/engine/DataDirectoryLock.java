package io.thermocline.engine;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The exclusive hold of one process (and one {@link Database}) on a data directory: an OS file lock
 * on {@code <data>/thermocline.lock}, which also records the holder's process id for the error a
 * second opener sees. RocksDB locks its own directory too, but its error names neither the
 * directory's owner nor what to do; this lock is taken first and is what offline tools ({@code
 * restore}, {@code recover}) check.
 *
 * <p>Concurrency: acquired once, released once ({@link #close()} is idempotent by compare-and-set).
 */
public final class DataDirectoryLock implements AutoCloseable {
  /** The lock file's name inside the data directory. */
  public static final String FILE_NAME = "thermocline.lock";

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dataDirectory} (which must exist), or fails with {@link
   * ErrorCode#DATA_DIRECTORY_IN_USE} naming the directory and the holder's process id.
   */
  public static DataDirectoryLock acquire(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another Database in this JVM
      }
      if (lock == null) {
        String holder = readHolder(channel);
        channel.close();
        throw inUse(dataDirectory, holder);
      }
      byte[] pid =
          (ProcessHandle.current().pid() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      channel.force(false);
      return new DataDirectoryLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot lock the data directory " + dataDirectory + ": " + e, e);
    }
  }

  /**
   * Whether some process (this one included) holds {@code dataDirectory} now. Offline tools call
   * this and refuse to touch a directory a server is using.
   */
  public static boolean isHeld(Path dataDirectory) {
    if (!Files.exists(dataDirectory.resolve(FILE_NAME))) {
      return false;
    }
    try (DataDirectoryLock probe = acquire(dataDirectory)) {
      return false;
    } catch (ThermoException e) {
      if (e.code() == ErrorCode.DATA_DIRECTORY_IN_USE) {
        return true;
      }
      throw e;
    }
  }

  private static ThermoException inUse(Path dataDirectory, String holder) {
    return new ThermoException(
        ErrorCode.DATA_DIRECTORY_IN_USE,
        "the data directory "
            + dataDirectory
            + " is in use by "
            + (holder.isEmpty() ? "another database" : "process " + holder)
            + "; stop that server (or close that database) first");
  }

  private static String readHolder(FileChannel channel) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(32);
      int n = channel.read(buf, 0);
      return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the open already failed; that error is the one to report
      }
    }
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** Releases the lock; the file stays (removing it would race with the next opener). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel below releases it as well
    }
    closeQuietly(channel);
  }
}
