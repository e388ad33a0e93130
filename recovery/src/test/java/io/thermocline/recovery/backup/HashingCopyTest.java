package io.thermocline.recovery.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.format.FileFormat;
import io.thermocline.common.format.FooterCheck;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast local copy, the generic copy, deferred fsyncs and hashing while a producer writes. */
class HashingCopyTest {
  private static final LocalFileIO IO = LocalFileIO.INSTANCE;

  @TempDir Path tmp;
  long seed;
  Random random;

  @BeforeEach
  void setUp() {
    seed = Long.getLong("thermo.seed", new Random().nextLong());
    System.out.println(
        "HashingCopyTest seed " + seed + " (replay with -Dthermo.seed=" + seed + ")");
    random = new Random(seed);
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** A FileIO that is not LocalFileIO, so copies take the generic path. */
  private static FileIO generic() {
    return (FileIO)
        java.lang.reflect.Proxy.newProxyInstance(
            HashingCopyTest.class.getClassLoader(),
            new Class<?>[] {FileIO.class},
            (proxy, m, args) -> {
              try {
                return m.invoke(IO, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aFooterCheckRidesOnEveryCopyPathAndReportsDamageByTheSourcesName() throws IOException {
    FileFormat format = FileFormat.of("thermo.copy-check", 1, 1);
    for (int size : List.of(1_000, (int) HashingCopy.PARALLEL_HASH_BYTES + 12_345)) {
      byte[] body = bytes(size);
      Path source = tmp.resolve("f-" + size);
      Files.write(source, format.encode(out -> out.writeBytes(body)));
      for (FileIO io : List.of(IO, generic())) {
        Path target = tmp.resolve("c-" + size);
        HashingCopy.Result r =
            HashingCopy.copy(
                io,
                source.toString(),
                io,
                target.toString(),
                Long.MAX_VALUE,
                null,
                null,
                new FooterCheck(source.toString()));
        assertThat(r.sha256()).isEqualTo(HashingCopy.sha256(Files.readAllBytes(source)));
      }
      byte[] damaged = Files.readAllBytes(source);
      int at = random.nextInt(damaged.length);
      damaged[at] ^= 0x10;
      Files.write(source, damaged);
      for (FileIO io : List.of(IO, generic())) {
        assertThatThrownBy(
                () ->
                    HashingCopy.copy(
                        io,
                        source.toString(),
                        io,
                        tmp.resolve("d-" + size).toString(),
                        Long.MAX_VALUE,
                        null,
                        null,
                        new FooterCheck(source.toString())))
            .as("seed %d, size %d, byte %d flipped", seed, size, at)
            .isInstanceOf(CorruptFileException.class)
            .hasMessageContaining(source.toString());
      }
    }
  }

  @Test
  void localAndGenericCopiesAgreeWithTheHashOfTheBytes() throws IOException {
    for (int size :
        List.of(
            0,
            1,
            HashingCopy.CHUNK - 1,
            HashingCopy.CHUNK,
            2 * HashingCopy.CHUNK + 7,
            (int) HashingCopy.PARALLEL_HASH_BYTES + 13)) {
      byte[] b = bytes(size);
      Path src = tmp.resolve("src-" + size);
      Files.write(src, b);
      String expected = HashingCopy.sha256(b);
      try (DeferredSync sync = new DeferredSync(2, "test")) {
        Path a = tmp.resolve("a-" + size);
        Path c = tmp.resolve("c-" + size);
        HashingCopy.Result local =
            HashingCopy.copy(IO, src.toString(), IO, a.toString(), Long.MAX_VALUE, null, sync);
        HashingCopy.Result other =
            HashingCopy.copy(
                generic(), src.toString(), IO, c.toString(), Long.MAX_VALUE, null, sync);
        sync.await();
        assertThat(local).as("seed %d size %d", seed, size).isEqualTo(other);
        assertThat(local.sha256()).as("seed %d size %d", seed, size).isEqualTo(expected);
        assertThat(Files.readAllBytes(a)).isEqualTo(b);
        assertThat(Files.readAllBytes(c)).isEqualTo(b);
        assertThat(HashingCopy.hash(IO, a.toString(), null)).isEqualTo(local);
        assertThat(HashingCopy.hash(generic(), a.toString(), null)).isEqualTo(local);
      }
    }
  }

  @Test
  void aLimitCopiesAPrefix() throws IOException {
    copyPrefix(3 * HashingCopy.CHUNK + 11, HashingCopy.CHUNK);
  }

  @Test
  void aLimitCopiesAPrefixOfALargeFile() throws IOException {
    copyPrefix((int) HashingCopy.PARALLEL_HASH_BYTES * 2, (int) HashingCopy.PARALLEL_HASH_BYTES);
  }

  private void copyPrefix(int length, int atLeast) throws IOException {
    byte[] b = bytes(length);
    Path src = tmp.resolve("src");
    Files.write(src, b);
    int limit = atLeast + 5 + random.nextInt(HashingCopy.CHUNK);
    Path dest = tmp.resolve("dest");
    HashingCopy.Result r = HashingCopy.copy(IO, src.toString(), IO, dest.toString(), limit, null);
    byte[] prefix = Arrays.copyOf(b, limit);
    assertThat(r.size()).as("seed %d", seed).isEqualTo(limit);
    assertThat(r.sha256()).as("seed %d", seed).isEqualTo(HashingCopy.sha256(prefix));
    assertThat(Files.readAllBytes(dest)).isEqualTo(prefix);
  }

  @Test
  void aMissingSourceNamesTheFile() {
    String missing = tmp.resolve("missing").toString();
    assertThatThrownBy(
            () -> HashingCopy.copy(IO, missing, IO, tmp.resolve("x").toString(), 10, null))
        .hasMessageContaining("missing");
  }

  @Test
  void aProducerIsHashedWhileItWritesAndThroughARename() throws IOException {
    byte[] b = bytes(5 * HashingCopy.CHUNK + random.nextInt(HashingCopy.CHUNK));
    String tmpFile = tmp.resolve("f.tmp").toString();
    String file = tmp.resolve("f").toString();
    try (DeferredSync sync = new DeferredSync(1, "test")) {
      HashingFileIO io = new HashingFileIO(sync);
      try (WritableFile out = io.create(tmpFile)) {
        int at = 0;
        while (at < b.length) {
          // Writes of every size, from bytes to several chunks, as a buffered encoder does.
          int n = Math.min(b.length - at, 1 + random.nextInt(random.nextBoolean() ? 100 : 3 << 20));
          out.write(b, at, n);
          at += n;
        }
        out.sync();
      }
      io.rename(tmpFile, file);
      io.syncDirectory(tmp.toString());
      sync.await();
      assertThat(io.result(tmpFile)).isNull();
      assertThat(io.result(file))
          .as("seed %d", seed)
          .isEqualTo(new HashingCopy.Result(b.length, HashingCopy.sha256(b)));
      assertThat(Files.readAllBytes(Path.of(file))).isEqualTo(b);
      try (ReadableFile in = io.open(file)) {
        assertThat(in.length()).isEqualTo(b.length);
      }
      try (WritableFile out = io.append(file)) {
        out.write(new byte[] {1}, 0, 1);
      }
      assertThat(io.result(file)).as("an append forgets the hash").isNull();
    }
  }

  @Test
  void aFailedSyncNamesTheFile() throws IOException {
    Path f = Files.write(tmp.resolve("f"), new byte[] {1, 2, 3});
    try (DeferredSync sync = new DeferredSync(1, "test")) {
      java.nio.channels.FileChannel ch =
          java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.READ);
      ch.close(); // forcing a closed channel fails
      sync.forceAndClose(ch, f.toString());
      assertThatThrownBy(sync::await).hasMessageContaining(f.toString());
    }
  }
}
