package io.thermocline.testkit.io;

import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A {@link FileIO} wrapper for fault tests (in the spirit of Lucene's MockDirectoryWrapper):
 *
 * <ul>
 *   <li><b>Failures on demand</b>: {@link #failNext}, {@link #failNth}, {@link #failAlways} arm a
 *       {@link Fault} for one {@link FileOp} on paths matching a regular expression; the operation
 *       then throws {@link InjectedIOException} without reaching the wrapped FileIO (a failed close
 *       still closes the wrapped handle, so nothing leaks).
 *   <li><b>Disk full</b>: {@link #setDiskSpace} lets only so many more bytes be written; the write
 *       that crosses the limit writes what fits, then fails, as a real full disk does. Deleting
 *       files does not give space back.
 *   <li><b>Corruption</b>: {@link #flipByte} and {@link #truncateFile} damage a file directly.
 *   <li><b>Crash</b>: {@link #crash()} simulates power loss. Every file written through this
 *       wrapper is cut back to the length its last fsync made durable; a file re-created over an
 *       old one gets its old durable content back unless the new one was synced; creates, renames
 *       and deletes not followed by {@code syncDirectory} of their directory (both directories for
 *       a rename) are undone in reverse order, restoring replaced or deleted files up to 16 MiB.
 *       Handles opened before the crash fail afterwards. {@link #crash(Random)} keeps a random
 *       prefix of each file's unsynced bytes instead (a torn write). Not simulated: reordering of
 *       synced writes, lost directory creations (mkdirs counts as durable), partial sector garbage,
 *       and files changed behind this wrapper's back.
 * </ul>
 *
 * <p>Thread-safe: every operation, including the wrapped I/O, runs under one lock, so a crash sees
 * no operation half done. Handles are used by one thread at a time, as {@link FileIO} says.
 */
public final class FaultInjectingFileIO implements FileIO {
  private final FileIO delegate;
  private final Object lock = new Object();
  private final List<Fault> faults = new ArrayList<>();
  private final DurabilityTracker tracker;
  private long diskSpace = Long.MAX_VALUE;
  private int generation;
  private int crashes;

  public FaultInjectingFileIO(FileIO delegate) {
    this.delegate = delegate;
    this.tracker = new DurabilityTracker(delegate);
  }

  public FileIO delegate() {
    return delegate;
  }

  /** Fails the next {@code op} on a path matching {@code pathRegex}. */
  public Fault failNext(FileOp op, String pathRegex) {
    return arm(new Fault(op, pathRegex, 0, 1));
  }

  /** Fails the {@code n}-th (1-based) matching {@code op} from now on, once. */
  public Fault failNth(FileOp op, String pathRegex, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n is 1-based: " + n);
    }
    return arm(new Fault(op, pathRegex, n - 1, 1));
  }

  /** Fails every matching {@code op} until the fault is cancelled or {@link #clearFaults}. */
  public Fault failAlways(FileOp op, String pathRegex) {
    return arm(new Fault(op, pathRegex, 0, Fault.FOREVER));
  }

  public void clearFaults() {
    synchronized (lock) {
      faults.forEach(Fault::cancel);
      faults.clear();
    }
  }

  /**
   * From now on only {@code bytes} more bytes may be written; {@code Long.MAX_VALUE} = no limit.
   */
  public void setDiskSpace(long bytes) {
    synchronized (lock) {
      diskSpace = bytes;
    }
  }

  public long diskSpace() {
    synchronized (lock) {
      return diskSpace;
    }
  }

  /** Inverts every bit of the byte at {@code offset} (media damage: no fault, no bookkeeping). */
  public void flipByte(String path, long offset) throws IOException {
    synchronized (lock) {
      byte[] content = delegate.readAll(path);
      if (offset < 0 || offset >= content.length) {
        throw new IllegalArgumentException(
            "offset " + offset + " outside " + path + " of " + content.length + " bytes");
      }
      content[(int) offset] ^= (byte) 0xFF;
      try (WritableFile out = delegate.create(path)) {
        out.write(content, 0, content.length);
        out.sync();
      }
    }
  }

  /** Cuts a file to {@code length} bytes (media damage, a lost tail). */
  public void truncateFile(String path, long length) throws IOException {
    synchronized (lock) {
      delegate.truncate(path, length);
      tracker.truncated(path, length);
    }
  }

  /** Simulates power loss: drops all unsynced data and directory changes. See the class doc. */
  public List<String> crash() throws IOException {
    return crash(null);
  }

  /** Like {@link #crash()}, but keeps a random prefix of each file's unsynced bytes. */
  public List<String> crash(Random random) throws IOException {
    synchronized (lock) {
      generation++;
      crashes++;
      return tracker.crash(random);
    }
  }

  public int crashes() {
    synchronized (lock) {
      return crashes;
    }
  }

  /** Paths a crash now would change (unsynced bytes or directory entries). */
  public Set<String> unsyncedPaths() throws IOException {
    synchronized (lock) {
      return tracker.unsynced();
    }
  }

  @Override
  public WritableFile create(String path) throws IOException {
    synchronized (lock) {
      check(FileOp.CREATE, path, null);
      return new Writable(tracker.create(path, () -> delegate.create(path)), generation);
    }
  }

  @Override
  public WritableFile append(String path) throws IOException {
    synchronized (lock) {
      check(FileOp.APPEND, path, null);
      return new Writable(tracker.append(path, () -> delegate.append(path)), generation);
    }
  }

  @Override
  public ReadableFile open(String path) throws IOException {
    synchronized (lock) {
      check(FileOp.OPEN, path, null);
      return new Readable(delegate.open(path), generation);
    }
  }

  @Override
  public boolean exists(String path) throws IOException {
    synchronized (lock) {
      check(FileOp.EXISTS, path, null);
      return delegate.exists(path);
    }
  }

  @Override
  public long length(String path) throws IOException {
    synchronized (lock) {
      check(FileOp.LENGTH, path, null);
      return delegate.length(path);
    }
  }

  @Override
  public List<String> list(String directory) throws IOException {
    synchronized (lock) {
      check(FileOp.LIST, directory, null);
      return delegate.list(directory);
    }
  }

  @Override
  public void mkdirs(String directory) throws IOException {
    synchronized (lock) {
      check(FileOp.MKDIRS, directory, null);
      delegate.mkdirs(directory);
    }
  }

  @Override
  public void delete(String path) throws IOException {
    synchronized (lock) {
      check(FileOp.DELETE, path, null);
      tracker.delete(
          path,
          () -> {
            delegate.delete(path);
            return null;
          });
    }
  }

  @Override
  public void rename(String source, String target) throws IOException {
    synchronized (lock) {
      check(FileOp.RENAME, source, target);
      tracker.rename(
          source,
          target,
          () -> {
            delegate.rename(source, target);
            return null;
          });
    }
  }

  @Override
  public void syncDirectory(String directory) throws IOException {
    synchronized (lock) {
      check(FileOp.SYNC_DIRECTORY, directory, null);
      delegate.syncDirectory(directory);
      tracker.directorySynced(directory);
    }
  }

  @Override
  public void truncate(String path, long length) throws IOException {
    synchronized (lock) {
      check(FileOp.TRUNCATE, path, null);
      delegate.truncate(path, length);
      tracker.truncated(path, length);
    }
  }

  @Override
  public String resolve(String directory, String name) {
    return delegate.resolve(directory, name);
  }

  @Override
  public String parent(String path) {
    return delegate.parent(path);
  }

  private Fault arm(Fault fault) {
    synchronized (lock) {
      faults.add(fault);
    }
    return fault;
  }

  /** Under the lock: throws if an armed fault matches. */
  private void check(FileOp op, String path, String other) throws InjectedIOException {
    for (Fault f : faults) {
      if (f.trigger(op, path, other)) {
        throw new InjectedIOException(
            "injected " + op + " failure on " + path + (other == null ? "" : " -> " + other));
      }
    }
    faults.removeIf(Fault::isSpent);
  }

  private void checkAlive(int handleGeneration, String path) throws InjectedIOException {
    if (handleGeneration != generation) {
      throw new InjectedIOException(path + " was opened before a simulated crash");
    }
  }

  private final class Writable implements WritableFile {
    private final WritableFile file;
    private final int handleGeneration;

    Writable(WritableFile file, int handleGeneration) {
      this.file = file;
      this.handleGeneration = handleGeneration;
    }

    @Override
    public String path() {
      return file.path();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      synchronized (lock) {
        checkAlive(handleGeneration, path());
        check(FileOp.WRITE, path(), null);
        if (length > diskSpace) {
          int fits = (int) diskSpace;
          file.write(bytes, offset, fits);
          diskSpace = 0;
          throw new InjectedIOException(
              "No space left on device (injected) writing " + length + " bytes to " + path());
        }
        file.write(bytes, offset, length);
        if (diskSpace != Long.MAX_VALUE) {
          diskSpace -= length;
        }
      }
    }

    @Override
    public long position() throws IOException {
      synchronized (lock) {
        checkAlive(handleGeneration, path());
        return file.position();
      }
    }

    @Override
    public void sync() throws IOException {
      synchronized (lock) {
        checkAlive(handleGeneration, path());
        check(FileOp.SYNC, path(), null);
        file.sync();
        tracker.synced(path(), file.position());
      }
    }

    @Override
    public void close() throws IOException {
      synchronized (lock) {
        file.close();
        if (handleGeneration == generation) {
          check(FileOp.CLOSE, path(), null);
        }
      }
    }
  }

  private final class Readable implements ReadableFile {
    private final ReadableFile file;
    private final int handleGeneration;

    Readable(ReadableFile file, int handleGeneration) {
      this.file = file;
      this.handleGeneration = handleGeneration;
    }

    @Override
    public String path() {
      return file.path();
    }

    @Override
    public long length() throws IOException {
      synchronized (lock) {
        checkAlive(handleGeneration, path());
        return file.length();
      }
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
      synchronized (lock) {
        checkAlive(handleGeneration, path());
        check(FileOp.READ, path(), null);
        file.readFully(position, buffer, offset, length);
      }
    }

    @Override
    public void close() throws IOException {
      synchronized (lock) {
        file.close();
        if (handleGeneration == generation) {
          check(FileOp.CLOSE, path(), null);
        }
      }
    }
  }
}
