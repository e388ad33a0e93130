package io.thermocline.recovery.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.FormatVersionException;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.common.io.WritableFile;
import io.thermocline.testkit.io.FaultInjectingFileIO;
import io.thermocline.testkit.io.FileOp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
  private static final FileIO IO = LocalFileIO.INSTANCE;

  @TempDir Path dir;

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  private static byte[] bytes(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] drain(InputStream in, boolean byteAtATime) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (byteAtATime) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        out.write(b);
      }
    } else {
      in.transferTo(out);
    }
    return out.toByteArray();
  }

  private static Map<String, byte[]> small() {
    Map<String, byte[]> sections = new LinkedHashMap<>();
    sections.put("meta", "cid=42".getBytes(StandardCharsets.UTF_8));
    sections.put("empty", new byte[0]);
    sections.put("hot/orders/p0", bytes(1, 150));
    return sections;
  }

  private static void writeAll(FileIO io, String path, Map<String, byte[]> sections) {
    CheckpointFile.write(
        io,
        path,
        w -> {
          for (Map.Entry<String, byte[]> e : sections.entrySet()) {
            w.section(e.getKey(), e.getValue());
          }
        });
  }

  @Test
  void sectionsWrittenWholeOrStreamedReadBackVerified() throws IOException {
    String path = file("cp-1");
    byte[] large = bytes(7, 3 * 1024 * 1024 + 17);
    CheckpointFile.write(
        IO,
        path,
        w -> {
          w.section("meta", "cid=42".getBytes(StandardCharsets.UTF_8));
          try (OutputStream s = w.openSection("hot/orders/p0")) {
            for (int i = 0; i < large.length; i += 4096) {
              s.write(large, i, Math.min(4096, large.length - i));
            }
          }
          w.section("empty", new byte[0]);
          try (OutputStream s = w.openSection("single")) {
            s.write(200);
          }
        });
    CheckpointReader reader = CheckpointFile.open(IO, path);
    assertThat(reader.sections())
        .extracting(CheckpointSection::name)
        .containsExactly("meta", "hot/orders/p0", "empty", "single");
    assertThat(reader.sections().get(1).length()).isEqualTo(large.length);
    assertThat(reader.readSection("meta")).isEqualTo("cid=42".getBytes(StandardCharsets.UTF_8));
    assertThat(reader.readSection("hot/orders/p0")).isEqualTo(large);
    try (InputStream in = reader.openSection("hot/orders/p0")) {
      assertThat(drain(in, false)).isEqualTo(large);
    }
    try (InputStream in = reader.openSection("single")) {
      assertThat(drain(in, true)).containsExactly(200);
    }
    assertThat(reader.readSection("empty")).isEmpty();
    assertThat(reader.has("nope")).isFalse();
    assertThatThrownBy(() -> reader.readSection("nope"))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("nope")
        .hasMessageContaining("cp-1");
    reader.verify();
    assertThat(IO.list(dir.toString())).containsExactly("cp-1");
  }

  @Test
  void aCheckpointWithoutSectionsIsValid() {
    String path = file("cp-empty");
    CheckpointFile.write(IO, path, w -> {});
    CheckpointReader reader = CheckpointFile.open(IO, path);
    assertThat(reader.sections()).isEmpty();
    reader.verify();
  }

  @Test
  void misuseOfTheWriterIsRefusedAndLeavesNoFile() throws IOException {
    String path = file("cp-bad");
    assertThatThrownBy(
            () ->
                CheckpointFile.write(
                    IO,
                    path,
                    w -> {
                      w.section("a", new byte[1]);
                      w.section("a", new byte[1]);
                    }))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("used twice");
    assertThatThrownBy(() -> CheckpointFile.write(IO, path, w -> w.openSection("open")))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("never closed");
    assertThatThrownBy(
            () ->
                CheckpointFile.write(
                    IO,
                    path,
                    w -> {
                      w.openSection("one");
                      w.openSection("two");
                    }))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("still open");
    assertThat(IO.list(dir.toString())).isEmpty();
  }

  @Test
  void aNewCheckpointReplacesTheOldOneAtomically() throws IOException {
    String path = file("cp");
    writeAll(IO, path, small());
    Map<String, byte[]> second = Map.of("meta", "cid=43".getBytes(StandardCharsets.UTF_8));
    writeAll(IO, path, second);
    assertThat(CheckpointFile.open(IO, path).readSection("meta")).isEqualTo(second.get("meta"));
    assertThat(IO.list(dir.toString())).containsExactly("cp");
  }

  @Test
  void aFailedWriteKeepsThePreviousCheckpointAndRemovesTheTemporaryFile() throws IOException {
    FaultInjectingFileIO io = new FaultInjectingFileIO(IO);
    String path = file("cp");
    writeAll(io, path, small());
    for (FileOp op : List.of(FileOp.CREATE, FileOp.WRITE, FileOp.SYNC, FileOp.RENAME)) {
      io.failNext(op, "cp");
      assertThatThrownBy(() -> writeAll(io, path, Map.of("meta", new byte[100_000])))
          .as("%s failing", op)
          .isInstanceOfSatisfying(
              ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR))
          .hasMessageContaining(path);
      assertThat(IO.list(dir.toString())).as("%s failing", op).containsExactly("cp");
      assertThat(CheckpointFile.open(IO, path).readSection("meta")).isEqualTo(small().get("meta"));
    }
  }

  @Test
  void powerLossBeforeTheDirectoryIsSyncedLeavesTheOldCheckpointWhole() throws IOException {
    FaultInjectingFileIO io = new FaultInjectingFileIO(IO);
    String path = file("cp");
    writeAll(io, path, small());
    io.failNext(FileOp.SYNC_DIRECTORY, "");
    assertThatThrownBy(() -> writeAll(io, path, Map.of("meta", new byte[10])))
        .isInstanceOf(ThermoException.class);
    io.crash();
    CheckpointReader reader = CheckpointFile.open(IO, path);
    assertThat(reader.readSection("meta")).isEqualTo(small().get("meta"));
    reader.verify();
  }

  @Test
  void aFlippedByteAnywhereIsReportedAsCorruptionAndNeverReadAsData() throws IOException {
    String path = file("cp");
    Map<String, byte[]> sections = small();
    writeAll(IO, path, sections);
    byte[] clean = IO.readAll(path);
    List<CheckpointSection> layout = CheckpointFile.open(IO, path).sections();
    for (int offset = 0; offset < clean.length; offset++) {
      byte[] damaged = clean.clone();
      damaged[offset] ^= (byte) (1 << (offset % 8));
      overwrite(path, damaged);
      String at = "flip at " + offset;
      CheckpointReader reader;
      try {
        reader = CheckpointFile.open(IO, path);
      } catch (CorruptFileException e) {
        assertThat(e.file()).as(at).isEqualTo(path);
        continue;
      }
      for (CheckpointSection s : layout) {
        boolean inside = offset >= s.offset() && offset < s.offset() + s.length();
        if (inside) {
          assertThatThrownBy(() -> reader.readSection(s.name()))
              .as(at)
              .isInstanceOfSatisfying(
                  CorruptFileException.class,
                  e -> {
                    assertThat(e.file()).isEqualTo(path);
                    assertThat(e.offset()).isEqualTo(s.offset());
                  })
              .hasMessageContaining(s.name());
          assertThatThrownBy(() -> drain(reader.openSection(s.name()), false))
              .as(at)
              .isInstanceOf(CorruptFileException.class);
        } else {
          assertThat(reader.readSection(s.name())).as(at).isEqualTo(sections.get(s.name()));
        }
      }
      assertThatThrownBy(reader::verify)
          .as(at)
          .isInstanceOfSatisfying(
              CorruptFileException.class, e -> assertThat(e.file()).isEqualTo(path));
    }
  }

  @Test
  void aTruncatedCheckpointIsCorruptAtEveryLength() throws IOException {
    String path = file("cp");
    writeAll(IO, path, small());
    byte[] clean = IO.readAll(path);
    for (int length = 0; length < clean.length; length++) {
      overwrite(path, Arrays.copyOf(clean, length));
      assertThatThrownBy(() -> CheckpointFile.open(IO, path).verify())
          .as("cut to %d bytes", length)
          .isInstanceOfSatisfying(
              CorruptFileException.class, e -> assertThat(e.file()).isEqualTo(path));
    }
  }

  @Test
  void aCheckpointFromANewerVersionIsRefusedWithAVersionError() throws IOException {
    String path = file("cp");
    writeAll(IO, path, small());
    byte[] b = IO.readAll(path);
    int versionAt = 4 + 1 + CheckpointFile.FORMAT.name().length();
    b[versionAt + 3] = 2;
    // Re-seal the footer so the file is intact, only newer.
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - 4);
    int v = (int) crc.getValue();
    b[b.length - 4] = (byte) (v >>> 24);
    b[b.length - 3] = (byte) (v >>> 16);
    b[b.length - 2] = (byte) (v >>> 8);
    b[b.length - 1] = (byte) v;
    overwrite(path, b);
    assertThatThrownBy(() -> CheckpointFile.open(IO, path))
        .isInstanceOfSatisfying(
            FormatVersionException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORMAT_TOO_NEW));
    // The same damage without re-sealing is corruption, reported ahead of the version.
    b[b.length - 1] ^= 1;
    overwrite(path, b);
    assertThatThrownBy(() -> CheckpointFile.open(IO, path))
        .isInstanceOf(CorruptFileException.class);
  }

  private static void overwrite(String path, byte[] content) throws IOException {
    try (WritableFile out = IO.create(path)) {
      out.write(content, 0, content.length);
    }
  }
}
