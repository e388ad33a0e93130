package io.thermocline.testkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.format.FileFormat;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultInjectingFileIOTest {
  private static final FileFormat FORMAT = FileFormat.of("thermo.fault-test", 1, 1);

  @TempDir Path tmp;
  private String dir;
  private FaultInjectingFileIO io;

  @BeforeEach
  void setUp() {
    dir = tmp.toString();
    io = new FaultInjectingFileIO(LocalFileIO.INSTANCE);
  }

  private String path(String name) {
    return io.resolve(dir, name);
  }

  private void write(String name, String content, boolean sync) throws IOException {
    try (WritableFile out = io.create(path(name))) {
      byte[] b = content.getBytes(StandardCharsets.UTF_8);
      out.write(b, 0, b.length);
      if (sync) {
        out.sync();
      }
    }
  }

  private String readString(String p) throws IOException {
    return FORMAT.<String>read(io, p, (in, v) -> in.readString());
  }

  private String read(String name) throws IOException {
    return new String(LocalFileIO.INSTANCE.readAll(path(name)), StandardCharsets.UTF_8);
  }

  @Test
  void failsTheNextMatchingOperationOnce() throws IOException {
    Fault fault = io.failNext(FileOp.CREATE, "\\.log$");
    write("a.dat", "x", false);
    assertThatThrownBy(() -> io.create(path("seg-1.log")))
        .isInstanceOf(InjectedIOException.class)
        .hasMessageContaining("seg-1.log");
    assertThat(io.exists(path("seg-1.log"))).isFalse();
    write("seg-1.log", "ok", false);
    assertThat(fault.fired()).isEqualTo(1);
    assertThat(fault.isSpent()).isTrue();
  }

  @Test
  void failsTheNthWriteAndEveryRenameUntilCancelled() throws IOException {
    Fault third = io.failNth(FileOp.WRITE, "data", 3);
    try (WritableFile out = io.create(path("data"))) {
      out.write(new byte[] {1}, 0, 1);
      out.write(new byte[] {2}, 0, 1);
      assertThatThrownBy(() -> out.write(new byte[] {3}, 0, 1))
          .isInstanceOf(InjectedIOException.class);
      out.write(new byte[] {4}, 0, 1);
    }
    assertThat(LocalFileIO.INSTANCE.readAll(path("data"))).containsExactly(1, 2, 4);
    assertThat(third.fired()).isEqualTo(1);

    Fault renames = io.failAlways(FileOp.RENAME, "target");
    write("src", "s", true);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> io.rename(path("src"), path("target")))
          .isInstanceOf(InjectedIOException.class);
    }
    renames.cancel();
    io.rename(path("src"), path("target"));
    assertThat(renames.fired()).isEqualTo(3);
    assertThat(read("target")).isEqualTo("s");
  }

  @Test
  void failedCloseStillReleasesTheFile() throws IOException {
    io.failNext(FileOp.CLOSE, "c");
    WritableFile out = io.create(path("c"));
    out.write(new byte[] {7}, 0, 1);
    assertThatThrownBy(out::close).isInstanceOf(InjectedIOException.class);
    assertThat(LocalFileIO.INSTANCE.readAll(path("c"))).containsExactly(7);
  }

  @Test
  void fullDiskWritesWhatFitsThenFails() throws IOException {
    io.setDiskSpace(10);
    try (WritableFile out = io.create(path("full"))) {
      out.write(new byte[8], 0, 8);
      assertThatThrownBy(() -> out.write(new byte[5], 0, 5))
          .isInstanceOf(InjectedIOException.class)
          .hasMessageContaining("No space left");
      assertThatThrownBy(() -> out.write(new byte[1], 0, 1))
          .isInstanceOf(InjectedIOException.class);
    }
    assertThat(LocalFileIO.INSTANCE.length(path("full"))).isEqualTo(10);
    io.setDiskSpace(Long.MAX_VALUE);
    write("later", "fine", false);
  }

  @Test
  void corruptionIsCaughtByTheFormatChecksum() throws IOException {
    String p = path("manifest");
    FORMAT.writeAtomically(io, p, out -> out.writeString("hello"));
    assertThat(readString(p)).isEqualTo("hello");
    io.flipByte(p, FORMAT.headerLength() + 2);
    assertThatThrownBy(() -> FORMAT.read(io, p, (in, v) -> in.readString()))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("checksum");
    FORMAT.writeAtomically(io, p, out -> out.writeString("hello"));
    io.truncateFile(p, io.length(p) - 1);
    assertThatThrownBy(() -> FORMAT.read(io, p, (in, v) -> in.readString()))
        .isInstanceOf(CorruptFileException.class);
  }

  @Test
  void crashDropsUnsyncedBytesAndUnsyncedDirectoryEntries() throws IOException {
    write("synced-entry", "durable", true);
    io.syncDirectory(dir);
    write("unsynced-bytes", "lost", false);
    io.syncDirectory(dir);
    write("unsynced-entry", "data is synced, the entry is not", true);
    try (WritableFile out = io.append(path("synced-entry"))) {
      out.write(" tail".getBytes(StandardCharsets.UTF_8), 0, 5);
    }
    assertThat(io.unsyncedPaths())
        .containsExactlyInAnyOrder(
            path("unsynced-bytes"), path("unsynced-entry"), path("synced-entry"));

    List<String> log = io.crash();

    assertThat(log).isNotEmpty();
    assertThat(read("synced-entry")).isEqualTo("durable");
    assertThat(read("unsynced-bytes")).isEmpty();
    assertThat(io.exists(path("unsynced-entry"))).isFalse();
    assertThat(io.unsyncedPaths()).isEmpty();
  }

  @Test
  void crashBeforeTheDirectorySyncUndoesAnAtomicReplace() throws IOException {
    String p = path("catalog");
    FORMAT.writeAtomically(io, p, out -> out.writeString("v1"));
    io.failNext(FileOp.SYNC_DIRECTORY, ".*");
    assertThatThrownBy(() -> FORMAT.writeAtomically(io, p, out -> out.writeString("v2")))
        .isInstanceOf(InjectedIOException.class);
    assertThat(readString(p)).isEqualTo("v2");
    io.crash();
    assertThat(readString(p)).isEqualTo("v1");
    assertThat(io.list(dir)).containsExactly("catalog");

    // Completed, the replace survives.
    FORMAT.writeAtomically(io, p, out -> out.writeString("v3"));
    io.crash();
    assertThat(readString(p)).isEqualTo("v3");
  }

  @Test
  void crashRestoresUnsyncedDeletesAndRecreatedFiles() throws IOException {
    write("old", "old content", true);
    io.syncDirectory(dir);
    write("keep", "first", true);
    io.syncDirectory(dir);
    io.delete(path("old"));
    write("keep", "second, never synced", false);
    io.crash();
    assertThat(read("old")).isEqualTo("old content");
    assertThat(read("keep")).isEqualTo("first");
  }

  @Test
  void tornCrashKeepsAPrefixOfTheUnsyncedBytes() throws IOException {
    write("log", "0123456789", true);
    io.syncDirectory(dir);
    try (WritableFile out = io.append(path("log"))) {
      byte[] more = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);
      out.write(more, 0, more.length);
    }
    io.crash(new java.util.Random(7));
    String after = read("log");
    assertThat(after).startsWith("0123456789");
    assertThat("0123456789abcdefghijklmnopqrstuvwxyz").startsWith(after);
  }

  @Test
  void handlesFromBeforeACrashFail() throws IOException {
    write("r", "content", true);
    io.syncDirectory(dir);
    WritableFile w = io.append(path("r"));
    ReadableFile r = io.open(path("r"));
    io.crash();
    assertThatThrownBy(() -> w.write(new byte[1], 0, 1)).isInstanceOf(InjectedIOException.class);
    assertThatThrownBy(() -> r.readFully(0, new byte[1], 0, 1))
        .isInstanceOf(InjectedIOException.class);
    w.close();
    r.close();
    try (ReadableFile fresh = io.open(path("r"))) {
      assertThat(fresh.length()).isEqualTo(7);
    }
  }

  @Test
  void concurrentWritersWithAFault() throws Exception {
    io.failNth(FileOp.RENAME, "t2-", 10);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger failures = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 40; i++) {
                    String name = "t" + thread + "-" + i;
                    try {
                      FORMAT.writeAtomically(io, path(name), out -> out.writeLong(thread));
                    } catch (InjectedIOException e) {
                      failures.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(failures).hasValue(1);
    assertThat(io.list(dir)).hasSize(159);
    assertThat(io.unsyncedPaths()).isEmpty();
  }
}
