package io.thermocline.coldstore.fs;

import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * {@link FileIO} over any Hadoop {@link FileSystem} (local, {@code hdfs://}, {@code s3a://}), so
 * backups and other files can live on any URI the cluster reaches. Paths are URIs or paths of
 * {@code fs}. {@code sync} is {@code hsync}; {@code syncDirectory} fsyncs local directories and is
 * a no-op elsewhere (a NameNode or object store has made a completed metadata operation durable
 * before it returns).
 *
 * <p>Thread-safe as the file system is; handles are used by one thread at a time. The caller owns
 * {@code fs} and closes it.
 */
public final class HadoopFileIO implements FileIO {
  private static final Method RENAME_WITH_OPTIONS = renameWithOptions();
  private static final long TRUNCATE_WAIT_NANOS = 60_000_000_000L;

  private final FileSystem fs;

  public HadoopFileIO(FileSystem fs) {
    this.fs = fs;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  @Override
  public WritableFile create(String path) throws IOException {
    return new Writable(path, fs.create(new Path(path), true));
  }

  @Override
  public WritableFile append(String path) throws IOException {
    return new Writable(path, fs.append(new Path(path)));
  }

  @Override
  public ReadableFile open(String path) throws IOException {
    Path p = new Path(path);
    long length = fs.getFileStatus(p).getLen();
    return new Readable(path, fs.open(p), length);
  }

  @Override
  public boolean exists(String path) throws IOException {
    return fs.exists(new Path(path));
  }

  @Override
  public long length(String path) throws IOException {
    return fs.getFileStatus(new Path(path)).getLen();
  }

  @Override
  public List<String> list(String directory) throws IOException {
    FileStatus[] entries;
    try {
      entries = fs.listStatus(new Path(directory));
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<String> names = new ArrayList<>(entries.length);
    for (FileStatus s : entries) {
      names.add(s.getPath().getName());
    }
    Collections.sort(names);
    return names;
  }

  @Override
  public void mkdirs(String directory) throws IOException {
    if (!fs.mkdirs(new Path(directory))) {
      throw new IOException("cannot create directory " + directory);
    }
  }

  @Override
  public void delete(String path) throws IOException {
    // false from delete means "was not there", which is what the contract asks for
    fs.delete(new Path(path), false);
  }

  /**
   * Renames, replacing an existing target. Hadoop's public {@code rename(Path, Path)} refuses to
   * replace on HDFS, so this calls the (protected) option-taking rename with {@code OVERWRITE},
   * which HDFS implements atomically; local files are renamed by rename(2), also atomic.
   */
  @Override
  public void rename(String source, String target) throws IOException {
    Path src = new Path(source);
    Path dst = new Path(target);
    if (fs.rename(src, dst)) {
      return;
    }
    if (!fs.exists(src)) {
      throw new FileNotFoundException("cannot rename " + source + ": it does not exist");
    }
    try {
      RENAME_WITH_OPTIONS.invoke(fs, src, dst, new Options.Rename[] {Options.Rename.OVERWRITE});
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot rename " + source + " to " + target, e.getCause());
    } catch (IllegalAccessException e) {
      throw new IOException("cannot rename " + source + " to " + target, e);
    }
  }

  private static Method renameWithOptions() {
    try {
      Method m =
          FileSystem.class.getDeclaredMethod(
              "rename", Path.class, Path.class, Options.Rename[].class);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public void syncDirectory(String directory) throws IOException {
    LocalDirectories.syncIfLocal(fs, new Path(directory));
  }

  /**
   * Truncates. HDFS answers false when the cut falls inside a block: the DataNodes then recover the
   * block in the background, and this waits (up to a minute) until the file is closed again at its
   * new length, so the caller can read or append at once, as on a local disk.
   */
  @Override
  public void truncate(String path, long length) throws IOException {
    Path p = new Path(path);
    if (fs.truncate(p, length)) {
      return;
    }
    long deadline = System.nanoTime() + TRUNCATE_WAIT_NANOS;
    while (fs.getFileStatus(p).getLen() != length || !isClosed(p)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("truncate of " + path + " to " + length + " did not finish in time");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted truncating " + path);
      }
    }
  }

  /**
   * HDFS's {@code isFileClosed}, where the file system has it (by reflection: no HDFS client
   * dependency); true elsewhere.
   */
  private boolean isClosed(Path p) throws IOException {
    try {
      Method m = fs.getClass().getMethod("isFileClosed", Path.class);
      return (Boolean) m.invoke(fs, p);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return true;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot ask whether " + p + " is closed", e.getCause());
    }
  }

  @Override
  public String parent(String path) {
    Path parent = new Path(path).getParent();
    return parent == null ? path : parent.toString();
  }

  private static final class Writable implements WritableFile {
    private final String path;
    private final FSDataOutputStream out;

    Writable(String path, FSDataOutputStream out) {
      this.path = path;
      this.out = out;
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public long position() throws IOException {
      return out.getPos();
    }

    @Override
    public void sync() throws IOException {
      out.hsync();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  private static final class Readable implements ReadableFile {
    private final String path;
    private final FSDataInputStream in;
    private final long length;

    Readable(String path, FSDataInputStream in, long length) {
      this.path = path;
      this.in = in;
      this.length = length;
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int len) throws IOException {
      if (position + len > length) {
        throw new EOFException(
            "unexpected end of "
                + path
                + " at offset "
                + length
                + ", wanted "
                + (position + len - length)
                + " more bytes");
      }
      in.readFully(position, buffer, offset, len);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
