package io.thermocline.recovery.backup;

import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies a file between two {@link FileIO}s (local disk, a Hadoop file system) while computing the
 * SHA-256 of the bytes, or only hashes one; both in 1 MiB chunks through one reused buffer per
 * call. The copy is fsynced before it counts as done. Stateless; each call is single-threaded.
 */
public final class HashingCopy {
  static final int CHUNK = 1 << 20;

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
    MessageDigest sha = sha256();
    byte[] buf = new byte[CHUNK];
    long size;
    try (ReadableFile in = sourceIo.open(source);
        WritableFile out = targetIo.create(target)) {
      size = Math.min(in.length(), limit);
      long pos = 0;
      while (pos < size) {
        int n = (int) Math.min(buf.length, size - pos);
        in.readFully(pos, buf, 0, n);
        sha.update(buf, 0, n);
        out.write(buf, 0, n);
        pos += n;
        if (progress != null) {
          progress.advance(n);
        }
      }
      out.sync();
    }
    return new Result(size, hex(sha.digest()));
  }

  /** The size and SHA-256 of {@code path}. */
  public static Result hash(FileIO io, String path, Progress progress) throws IOException {
    MessageDigest sha = sha256();
    byte[] buf = new byte[CHUNK];
    long size;
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

  /** SHA-256 of bytes in memory (small files, tests). */
  public static String sha256(byte[] bytes) {
    MessageDigest sha = sha256();
    sha.update(bytes);
    return hex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
