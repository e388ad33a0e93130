package io.thermocline.testkit.hadoop;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.Syncable;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A Hadoop file system over a real one (local or HDFS) that fails chosen operations on demand:
 * create, write, hsync, rename (throwing, or returning false as HDFS does), open, read, delete, and
 * a full disk (writes fail once a byte budget is spent). Everything else passes through, so the
 * cold tier (the cold store itself, or the engine moving rows into it) runs its real code against
 * real files. The switches are thread-safe and act on streams already open; each stream it hands
 * out is used by one thread at a time, as Hadoop's own are.
 */
public final class FaultInjectingFileSystem extends FilterFileSystem {
  /** An operation that {@link #fail} makes throw (or, for RENAME_RETURNS_FALSE, return false). */
  public enum Op {
    CREATE,
    WRITE,
    HSYNC,
    RENAME,
    RENAME_RETURNS_FALSE,
    OPEN,
    READ,
    DELETE
  }

  private final Set<Op> failing = ConcurrentHashMap.newKeySet();
  private final AtomicLong diskBudget = new AtomicLong(Long.MAX_VALUE);

  public FaultInjectingFileSystem(FileSystem inner) {
    super(inner);
    setConf(inner.getConf());
  }

  public void fail(Op op) {
    failing.add(op);
  }

  /** Writes fail with "No space left on device" once {@code bytes} more bytes were written. */
  public void diskFullAfter(long bytes) {
    diskBudget.set(bytes);
  }

  public void heal() {
    failing.clear();
    diskBudget.set(Long.MAX_VALUE);
  }

  private void check(Op op, Path p) throws IOException {
    if (failing.contains(op)) {
      throw new IOException("injected " + op + " failure on " + p);
    }
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
    check(Op.CREATE, f);
    FSDataOutputStream out =
        fs.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    return new FSDataOutputStream(new FaultyOut(out, f), statistics);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    check(Op.RENAME, src);
    if (failing.contains(Op.RENAME_RETURNS_FALSE)) {
      return false;
    }
    return fs.rename(src, dst);
  }

  @Override
  public boolean delete(Path f, boolean recursive) throws IOException {
    check(Op.DELETE, f);
    return fs.delete(f, recursive);
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    check(Op.OPEN, f);
    return new FSDataInputStream(new FaultyIn(fs.open(f, bufferSize), f));
  }

  private final class FaultyOut extends OutputStream implements Syncable {
    private final FSDataOutputStream out;
    private final Path path;

    FaultyOut(FSDataOutputStream out, Path path) {
      this.out = out;
      this.path = path;
    }

    private void spend(int n) throws IOException {
      check(Op.WRITE, path);
      if (diskBudget.addAndGet(-n) < 0) {
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
      check(Op.HSYNC, path);
      out.hsync();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  private final class FaultyIn extends FSInputStream {
    private final FSDataInputStream in;
    private final Path path;

    FaultyIn(FSDataInputStream in, Path path) {
      this.in = in;
      this.path = path;
    }

    @Override
    public void seek(long pos) throws IOException {
      in.seek(pos);
    }

    @Override
    public long getPos() throws IOException {
      return in.getPos();
    }

    @Override
    public boolean seekToNewSource(long targetPos) {
      return false;
    }

    @Override
    public int read() throws IOException {
      check(Op.READ, path);
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      check(Op.READ, path);
      return in.read(b, off, len);
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
      check(Op.READ, path);
      return in.read(position, buffer, offset, length);
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
      check(Op.READ, path);
      int done = 0;
      while (done < length) {
        int r = in.read(position + done, buffer, offset + done, length - done);
        if (r < 0) {
          throw new EOFException("end of " + path);
        }
        done += r;
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
