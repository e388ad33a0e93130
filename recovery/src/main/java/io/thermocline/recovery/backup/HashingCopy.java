package io.thermocline.recovery.backup;

import io.thermocline.common.format.FooterCheck;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Copies a file between two {@link FileIO}s (local disk, a Hadoop file system) while computing the
 * SHA-256 of the bytes, or only hashes one, in 1 MiB chunks. Local files go through {@link
 * FileChannel}s and a per-thread direct buffer (no heap staging copy on the way in or out); a large
 * local file is copied by the kernel while a thread of its own hashes it. The copy is fsynced
 * before it counts as done, inline or through a {@link DeferredSync}. Stateless apart from the
 * per-thread buffers; a call runs on its caller's thread plus, for a large local file, one hashing
 * thread that ends with the call.
 */
public final class HashingCopy {
  static final int CHUNK = 1 << 20;

  /**
   * From this size on a local copy hashes on a second thread (a thread start per file is cheap).
   */
  static final long PARALLEL_HASH_BYTES = 8L << 20;

  // Reused by the copy threads of one backup or restore: a direct buffer per call would cost an
  // allocation (and a zeroing) per file, and there are many small files.
  private static final ThreadLocal<ByteBuffer> DIRECT =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK));

  /** What a copy or hash found. */
  public record Result(long size, String sha256) {}

  private HashingCopy() {}

  /**
   * Copies {@code source} to {@code target} (created or replaced; the parent directory must exist)
   * and returns its size and SHA-256; {@code limit} bytes at most ({@code Long.MAX_VALUE}: all).
   */
  public static Result copy(
      FileIO sourceIo, String source, FileIO targetIo, String target, long limit, Progress progress)
      throws IOException {
    return copy(sourceIo, source, targetIo, target, limit, progress, null);
  }

  /**
   * {@link #copy(FileIO, String, FileIO, String, long, Progress)}, but a local target's fsync is
   * handed to {@code sync} (null: fsync inline); the copy is durable after {@code sync.await()}.
   */
  public static Result copy(
      FileIO sourceIo,
      String source,
      FileIO targetIo,
      String target,
      long limit,
      Progress progress,
      DeferredSync sync)
      throws IOException {
    return copy(sourceIo, source, targetIo, target, limit, progress, sync, null);
  }

  /**
   * {@link #copy(FileIO, String, FileIO, String, long, Progress, DeferredSync)} that also passes
   * every source byte, as it is hashed, through {@code check} (null: none) and finishes it, so a
   * {@link io.thermocline.common.format.FileFormat} file is verified without a read of its own.
   *
   * @throws io.thermocline.common.error.CorruptFileException naming the source if the check fails
   */
  public static Result copy(
      FileIO sourceIo,
      String source,
      FileIO targetIo,
      String target,
      long limit,
      Progress progress,
      DeferredSync sync,
      FooterCheck check)
      throws IOException {
    if (sourceIo instanceof LocalFileIO && targetIo instanceof LocalFileIO) {
      return copyLocal(source, target, limit, progress, sync, check);
    }
    MessageDigest sha = sha256();
    byte[] buf = new byte[CHUNK];
    long size;
    boolean deferred = sync != null && targetIo instanceof LocalFileIO;
    try (ReadableFile in = sourceIo.open(source);
        WritableFile out = targetIo.create(target)) {
      size = Math.min(in.length(), limit);
      long pos = 0;
      while (pos < size) {
        int n = (int) Math.min(buf.length, size - pos);
        in.readFully(pos, buf, 0, n);
        if (check != null) {
          check.update(ByteBuffer.wrap(buf, 0, n));
        }
        sha.update(buf, 0, n);
        out.write(buf, 0, n);
        pos += n;
        if (progress != null) {
          progress.advance(n);
        }
      }
      if (check != null) {
        check.finish();
      }
      if (!deferred) {
        out.sync();
      }
    }
    if (deferred) {
      sync.syncFile(target);
    }
    return new Result(size, hex(sha.digest()));
  }

  private static Result copyLocal(
      String source,
      String target,
      long limit,
      Progress progress,
      DeferredSync sync,
      FooterCheck check)
      throws IOException {
    FileChannel out =
        FileChannel.open(
            Path.of(target),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    boolean handedOver = false;
    Result result;
    try (FileChannel in = FileChannel.open(Path.of(source), StandardOpenOption.READ)) {
      long size = Math.min(in.size(), limit);
      result =
          size >= PARALLEL_HASH_BYTES
              ? transferWhileHashing(in, out, source, size, progress, check)
              : copyThroughBuffer(in, out, source, size, progress, check);
      if (check != null) {
        check.finish();
      }
      if (sync != null) {
        sync.forceAndClose(out, target);
        handedOver = true;
      } else {
        out.force(false);
      }
    } finally {
      if (!handedOver) {
        out.close();
      }
    }
    return result;
  }

  private static Result copyThroughBuffer(
      FileChannel in,
      FileChannel out,
      String source,
      long size,
      Progress progress,
      FooterCheck check)
      throws IOException {
    MessageDigest sha = sha256();
    ByteBuffer buf = DIRECT.get();
    long pos = 0;
    while (pos < size) {
      int n = (int) Math.min(CHUNK, size - pos);
      buf.clear().limit(n);
      readFully(in, buf, pos, source);
      buf.flip();
      if (check != null) {
        check.update(buf);
      }
      sha.update(buf);
      buf.flip();
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      pos += n;
      if (progress != null) {
        progress.advance(n);
      }
    }
    return new Result(size, hex(sha.digest()));
  }

  /**
   * A large file: the kernel copies it (no user-space pass) while a second thread hashes the same
   * source bytes from the page cache. SHA-256 of one file cannot be split, so this is what takes
   * its single-threaded cost off the copy; the source is immutable up to {@code size} (cold files,
   * the backup's own files, a log segment's written prefix), so both read the same bytes.
   */
  private static Result transferWhileHashing(
      FileChannel in,
      FileChannel out,
      String source,
      long size,
      Progress progress,
      FooterCheck check)
      throws IOException {
    FutureTask<Result> hashing = new FutureTask<>(() -> hashLocal(source, size, progress, check));
    Thread hasher = new Thread(hashing, "thermo-hash " + source);
    hasher.setDaemon(true);
    hasher.start();
    try {
      long pos = 0;
      while (pos < size) {
        long n = in.transferTo(pos, size - pos, out);
        if (n <= 0) {
          throw new EOFException(
              "unexpected end of " + source + " at offset " + pos + ", wanted " + (size - pos));
        }
        pos += n;
      }
      Result r = hashing.get();
      if (r.size() != size) {
        throw new EOFException(source + " has " + r.size() + " bytes, copied " + size);
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing " + source);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException("hashing " + source + " failed: " + cause, cause);
    } finally {
      // A failed copy stops the hasher (its channel closes on the interrupt).
      hashing.cancel(true);
    }
  }

  /** The size and SHA-256 of {@code path}. */
  public static Result hash(FileIO io, String path, Progress progress) throws IOException {
    MessageDigest sha = sha256();
    long size;
    if (io instanceof LocalFileIO) {
      return hashLocal(path, Long.MAX_VALUE, progress, null);
    }
    byte[] buf = new byte[CHUNK];
    try (ReadableFile in = io.open(path)) {
      size = in.length();
      long pos = 0;
      while (pos < size) {
        int n = (int) Math.min(buf.length, size - pos);
        in.readFully(pos, buf, 0, n);
        sha.update(buf, 0, n);
        pos += n;
        if (progress != null) {
          progress.advance(n);
        }
      }
    }
    return new Result(size, hex(sha.digest()));
  }

  private static Result hashLocal(String path, long limit, Progress progress, FooterCheck check)
      throws IOException {
    MessageDigest sha = sha256();
    ByteBuffer buf = DIRECT.get();
    long size;
    try (FileChannel in = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
      size = Math.min(in.size(), limit);
      long pos = 0;
      while (pos < size) {
        int n = (int) Math.min(CHUNK, size - pos);
        buf.clear().limit(n);
        readFully(in, buf, pos, path);
        buf.flip();
        if (check != null) {
          check.update(buf);
        }
        sha.update(buf);
        pos += n;
        if (progress != null) {
          progress.advance(n);
        }
      }
    }
    return new Result(size, hex(sha.digest()));
  }

  private static void readFully(FileChannel in, ByteBuffer buf, long position, String path)
      throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = in.read(buf, pos);
      if (n < 0) {
        throw new EOFException(
            "unexpected end of " + path + " at offset " + pos + ", wanted " + buf.remaining());
      }
      pos += n;
    }
  }

  /** SHA-256 of bytes in memory (small files, tests). */
  public static String sha256(byte[] bytes) {
    MessageDigest sha = sha256();
    sha.update(bytes);
    return hex(sha.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
