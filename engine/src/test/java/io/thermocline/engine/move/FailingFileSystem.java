package io.thermocline.engine.move;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.Syncable;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local Hadoop file system with switches to fail the cold tier's file writes on demand: writes
 * fail once a byte budget is spent (a disk that fills in the middle of a file), or renames fail.
 * Everything else passes through, so the cold store runs its real code on real files. Thread-safe
 * switches.
 */
final class FailingFileSystem extends FilterFileSystem {
  private final AtomicLong writeBudget = new AtomicLong(Long.MAX_VALUE);
  private final AtomicBoolean failRename = new AtomicBoolean();

  FailingFileSystem(FileSystem inner) {
    super(inner);
    setConf(inner.getConf());
  }

  /** Writes fail with "No space left on device" after {@code bytes} more bytes. */
  void failWritesAfter(long bytes) {
    writeBudget.set(bytes);
  }

  void failRenames() {
    failRename.set(true);
  }

  void heal() {
    writeBudget.set(Long.MAX_VALUE);
    failRename.set(false);
  }

  @Override
  public FSDataOutputStream create(
      Path f,
      FsPermission permission,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    FSDataOutputStream out =
        fs.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    return new FSDataOutputStream(new BudgetedOut(out, f), statistics);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    if (failRename.get()) {
      throw new IOException("injected rename failure of " + src);
    }
    return fs.rename(src, dst);
  }

  private final class BudgetedOut extends OutputStream implements Syncable {
    private final FSDataOutputStream out;
    private final Path path;

    BudgetedOut(FSDataOutputStream out, Path path) {
      this.out = out;
      this.path = path;
    }

    private void spend(int n) throws IOException {
      if (writeBudget.get() != Long.MAX_VALUE && writeBudget.addAndGet(-n) < 0) {
        throw new IOException("No space left on device (injected) writing " + path);
      }
    }

    @Override
    public void write(int b) throws IOException {
      spend(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      spend(len);
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void hflush() throws IOException {
      out.hflush();
    }

    @Override
    public void hsync() throws IOException {
      out.hsync();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
