package io.thermocline.recovery.backup;

import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The local {@link FileIO} a backup hands to a file producer (the hot checkpoint): every file it
 * creates is hashed as it is written, so the backup need not read it back, and its fsyncs (file and
 * directory) go to a {@link DeferredSync}, so the producer does not wait for the disk. A rename
 * carries the hash along (a producer writes a temporary file and renames it). {@link #result}
 * answers only for a file written from its start through this instance; anything else (an append, a
 * truncate) forgets the hash, and the backup then reads the file back.
 *
 * <p>Concurrency: a producer writes each file from one thread, and a thread per open file hashes
 * it; the map of finished hashes is concurrent.
 */
public final class HashingFileIO implements FileIO {
  private final LocalFileIO local = LocalFileIO.INSTANCE;
  private final DeferredSync sync;
  private final Map<String, HashingCopy.Result> done = new ConcurrentHashMap<>();

  public HashingFileIO(DeferredSync sync) {
    this.sync = sync;
  }

  /** The size and SHA-256 of {@code path} as written through this instance, or null. */
  public HashingCopy.Result result(String path) {
    return done.get(path);
  }

  @Override
  public WritableFile create(String path) throws IOException {
    done.remove(path);
    return new Hashing(path, local.create(path));
  }

  @Override
  public WritableFile append(String path) throws IOException {
    done.remove(path);
    return local.append(path);
  }

  @Override
  public ReadableFile open(String path) throws IOException {
    return local.open(path);
  }

  @Override
  public boolean exists(String path) {
    return local.exists(path);
  }

  @Override
  public long length(String path) throws IOException {
    return local.length(path);
  }

  @Override
  public List<String> list(String directory) throws IOException {
    return local.list(directory);
  }

  @Override
  public void mkdirs(String directory) throws IOException {
    local.mkdirs(directory);
  }

  @Override
  public void delete(String path) throws IOException {
    done.remove(path);
    local.delete(path);
  }

  @Override
  public void rename(String source, String target) throws IOException {
    local.rename(source, target);
    HashingCopy.Result r = done.remove(source);
    if (r != null) {
      done.put(target, r);
    } else {
      done.remove(target);
    }
  }

  @Override
  public void syncDirectory(String directory) throws IOException {
    sync.syncDirectory(directory);
  }

  @Override
  public void truncate(String path, long length) throws IOException {
    done.remove(path);
    local.truncate(path, length);
  }

  /**
   * Writes through on the producer's thread and hashes on a thread of its own: the producer (the
   * checkpoint encoder) is the slowest part of a backup, so SHA-256 must not add to it. Chunks go
   * over a small bounded queue (backpressure: at most {@code QUEUED} chunks in memory).
   */
  private final class Hashing implements WritableFile {
    private static final int QUEUED = 4;
    private final String path;
    private final WritableFile out;
    private final MessageDigest sha = HashingCopy.sha256();
    private final BlockingQueue<byte[]> filled = new ArrayBlockingQueue<>(QUEUED + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(QUEUED + 1);
    private final Thread hasher;
    private byte[] current;
    private int used;
    private long size;
    private volatile Throwable hashFailure;
    private boolean closed;

    Hashing(String path, WritableFile out) {
      this.path = path;
      this.out = out;
      for (int i = 0; i < QUEUED; i++) {
        free.add(new byte[HashingCopy.CHUNK]);
      }
      this.hasher = new Thread(this::hashChunks, "thermo-backup-hash " + path);
      hasher.setDaemon(true);
      hasher.start();
    }

    private void hashChunks() {
      try {
        while (true) {
          byte[] chunk = filled.take();
          if (chunk.length == 0) {
            return;
          }
          int n = ((chunk[0] & 0xFF) << 24) | ((chunk[1] & 0xFF) << 16);
          n |= ((chunk[2] & 0xFF) << 8) | (chunk[3] & 0xFF);
          sha.update(chunk, 4, n);
          free.put(chunk);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        hashFailure = e;
      } catch (RuntimeException | Error e) {
        hashFailure = e;
      }
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      size += length;
      int off = offset;
      int left = length;
      while (left > 0) {
        if (current == null) {
          current = take(free);
          used = 4;
        }
        int n = Math.min(left, current.length - used);
        System.arraycopy(bytes, off, current, used, n);
        used += n;
        off += n;
        left -= n;
        if (used == current.length) {
          hand();
        }
      }
    }

    private void hand() throws IOException {
      int n = used - 4;
      current[0] = (byte) (n >>> 24);
      current[1] = (byte) (n >>> 16);
      current[2] = (byte) (n >>> 8);
      current[3] = (byte) n;
      put(current);
      current = null;
    }

    private byte[] take(BlockingQueue<byte[]> q) throws IOException {
      try {
        while (true) {
          byte[] b = q.poll(100, TimeUnit.MILLISECONDS);
          if (b != null) {
            return b;
          }
          checkHasher();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing " + path);
      }
    }

    private void put(byte[] chunk) throws IOException {
      try {
        // The queue has room for every chunk plus the end mark: this never blocks for long.
        filled.put(chunk);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing " + path);
      }
    }

    private void checkHasher() throws IOException {
      if (hashFailure != null) {
        throw new IOException("hashing " + path + " failed: " + hashFailure, hashFailure);
      }
      if (!hasher.isAlive()) {
        throw new IOException("the hashing thread of " + path + " ended early");
      }
    }

    @Override
    public long position() throws IOException {
      return out.position();
    }

    @Override
    public void sync() throws IOException {
      sync.syncFile(path);
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        out.close();
        if (current != null) {
          hand();
        }
        put(new byte[0]);
        hasher.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing " + path);
      } finally {
        hasher.interrupt();
      }
      if (hashFailure != null) {
        throw new IOException("hashing " + path + " failed: " + hashFailure, hashFailure);
      }
      done.put(path, new HashingCopy.Result(size, HashingCopy.hex(sha.digest())));
    }
  }
}
