package io.thermocline.bench.jmh;

import io.thermocline.common.format.FooterCheck;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a backup spends per byte of a file it copies, one 1 MiB chunk (the copy's chunk) per
 * operation: SHA-256 (the manifest's hash), CRC32C (the formats' checksums), the streaming footer
 * check that rides on the SHA-256 pass for the hot checkpoint, and both together. Operations per
 * second are MiB/s. One state per thread; the buffer is direct, as the copy's is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BackupHashing {
  static final int CHUNK = 1 << 20;

  private ByteBuffer chunk;
  private MessageDigest sha;
  private final CRC32C crc = new CRC32C();

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    byte[] bytes = new byte[CHUNK];
    new Random(42).nextBytes(bytes);
    chunk = ByteBuffer.allocateDirect(CHUNK);
    chunk.put(bytes).flip();
    sha = MessageDigest.getInstance("SHA-256");
  }

  @Benchmark
  public int sha256() {
    sha.update(chunk.duplicate());
    return sha.getDigestLength();
  }

  @Benchmark
  public long crc32c() {
    crc.update(chunk.duplicate());
    return crc.getValue();
  }

  @Benchmark
  public FooterCheck footerCheck() {
    FooterCheck check = new FooterCheck("bench");
    check.update(chunk);
    return check;
  }

  @Benchmark
  public int sha256WithFooterCheck() {
    FooterCheck check = new FooterCheck("bench");
    check.update(chunk);
    sha.update(chunk.duplicate());
    return check.hashCode() + sha.getDigestLength();
  }
}
