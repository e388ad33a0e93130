package io.thermocline.coldstore.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.EOFException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HadoopFileIO} honours the {@link FileIO} contract on the local disk. */
class HadoopFileIOTest {
  @TempDir Path dir;

  @Test
  void localFileSystemHonoursTheFileIOContract() throws Exception {
    try (FileSystem fs = ColdFileSystems.open(URI.create("file:///"), new Configuration())) {
      check(new HadoopFileIO(fs), dir.toUri().toString());
    }
  }

  /** The contract, on any file system; {@code base} is an empty directory URI. */
  static void check(FileIO io, String base) throws Exception {
    String d = io.resolve(base, "sub");
    io.mkdirs(d);
    String a = io.resolve(d, "a.bin");
    byte[] hello = "hello, cold tier".getBytes(StandardCharsets.UTF_8);
    try (WritableFile w = io.create(a)) {
      w.write(hello, 0, hello.length);
      w.sync();
      assertThat(w.position()).isEqualTo(hello.length);
    }
    assertThat(io.exists(a)).isTrue();
    assertThat(io.length(a)).isEqualTo(hello.length);
    try (ReadableFile r = io.open(a)) {
      byte[] b = new byte[5];
      r.readFully(7, b, 0, 5);
      assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("cold ");
      assertThatThrownBy(() -> r.readFully(10, new byte[20], 0, 20))
          .isInstanceOf(EOFException.class)
          .hasMessageContaining("a.bin");
    }
    try (WritableFile w = io.append(a)) {
      w.write(new byte[] {'!'}, 0, 1);
      w.sync();
    }
    assertThat(io.length(a)).isEqualTo(hello.length + 1);
    io.truncate(a, 5);
    assertThat(io.readAll(a)).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));

    String b = io.resolve(d, "b.bin");
    io.writeAtomically(b, new byte[] {1, 2, 3});
    io.writeAtomically(b, new byte[] {4, 5});
    assertThat(io.readAll(b)).containsExactly(4, 5);
    io.rename(b, a);
    assertThat(io.readAll(a)).containsExactly(4, 5);
    assertThat(io.list(d)).containsExactly("a.bin");
    assertThat(io.list(io.resolve(base, "missing"))).isEmpty();
    io.syncDirectory(d);
    io.delete(a);
    io.delete(a);
    assertThat(io.exists(a)).isFalse();
    assertThat(io.parent(a)).endsWith("sub");
  }
}
