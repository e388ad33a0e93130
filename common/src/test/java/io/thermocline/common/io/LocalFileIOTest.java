package io.thermocline.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileIOTest {
  @TempDir Path dir;

  @Test
  void writeAppendReadRenameTruncate() throws Exception {
    FileIO io = LocalFileIO.INSTANCE;
    String d = dir.toString();
    String f = io.resolve(d, "a.bin");
    try (WritableFile out = io.create(f)) {
      out.write("hello".getBytes(StandardCharsets.UTF_8), 0, 5);
      out.sync();
      assertThat(out.position()).isEqualTo(5);
    }
    try (WritableFile out = io.append(f)) {
      assertThat(out.position()).isEqualTo(5);
      out.write(" world".getBytes(StandardCharsets.UTF_8), 0, 6);
    }
    assertThat(new String(io.readAll(f), StandardCharsets.UTF_8)).isEqualTo("hello world");
    io.truncate(f, 5);
    assertThat(io.length(f)).isEqualTo(5);
    try (ReadableFile in = io.open(f)) {
      assertThatThrownBy(() -> in.readFully(3, new byte[4], 0, 4))
          .isInstanceOf(EOFException.class)
          .hasMessageContaining("a.bin");
    }
    io.writeAtomically(io.resolve(d, "b.bin"), new byte[] {1, 2, 3});
    assertThat(io.list(d)).containsExactly("a.bin", "b.bin");
    io.rename(io.resolve(d, "b.bin"), f);
    assertThat(io.readAll(f)).containsExactly(1, 2, 3);
    io.delete(f);
    io.delete(f);
    assertThat(io.exists(f)).isFalse();
  }
}
