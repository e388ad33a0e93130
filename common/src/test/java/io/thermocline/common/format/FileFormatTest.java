package io.thermocline.common.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.FormatVersionException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFormatTest {
  /** Version constants are named after the feature they added. */
  static final int VERSION_START = 1;

  static final int VERSION_LABELS = 2;
  static final int VERSION_CURRENT = VERSION_LABELS;

  static final FileFormat FORMAT = FileFormat.of("thermo.test", VERSION_START, VERSION_CURRENT);

  record Sample(long count, double ratio, List<String> labels) {}

  static final Sample SAMPLE = new Sample(-42L, -0.0, List.of("a", "Zürich", "\uD83D\uDE00", ""));

  static void writeSample(ChecksumOutput out) throws IOException {
    out.writeLong(SAMPLE.count());
    out.writeDouble(SAMPLE.ratio());
    out.writeVLong(SAMPLE.labels().size());
    for (String l : SAMPLE.labels()) {
      out.writeString(l);
    }
  }

  static Sample readSample(ChecksumInput in, int version) throws IOException {
    long count = in.readLong();
    double ratio = in.readDouble();
    List<String> labels = new ArrayList<>();
    if (version >= VERSION_LABELS) {
      long n = in.readVLong();
      in.require(n);
      for (long i = 0; i < n; i++) {
        labels.add(in.readString());
      }
    }
    return new Sample(count, ratio, labels);
  }

  @Test
  void roundTripsInMemoryAndOnDisk(@TempDir Path dir) throws IOException {
    byte[] bytes = FORMAT.encode(FileFormatTest::writeSample);
    assertThat(FORMAT.decode("mem", bytes, FileFormatTest::readSample)).isEqualTo(SAMPLE);
    assertThat(bytes.length)
        .isEqualTo(FORMAT.headerLength() + 8 + 8 + 1 + 2 + 8 + 5 + 1 + FileFormat.FOOTER_LENGTH);
    assertThat(Arrays.copyOf(bytes, 4)).containsExactly('T', 'H', 'R', 'M');

    FileIO io = LocalFileIO.INSTANCE;
    String path = dir.resolve("sample.bin").toString();
    FORMAT.writeAtomically(io, path, FileFormatTest::writeSample);
    assertThat(io.readAll(path)).isEqualTo(bytes);
    assertThat(FORMAT.read(io, path, FileFormatTest::readSample)).isEqualTo(SAMPLE);
    assertThat(io.exists(path + FileFormat.TEMP_SUFFIX)).isFalse();
    FileFormat.verifyChecksum(io.open(path));
  }

  @Test
  void everyFlippedBitIsReportedAsCorruption() throws IOException {
    byte[] good = FORMAT.encode(FileFormatTest::writeSample);
    for (int i = 0; i < good.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) (1 << bit);
        String name = "flip-" + i + "-" + bit;
        assertCorrupt(name, () -> FORMAT.decode(name, bad, FileFormatTest::readSample));
        // The streaming path parses before it has seen the footer, yet reports the same.
        assertCorrupt(
            name, () -> FORMAT.read(ChecksumInput.of(name, bad), FileFormatTest::readSample));
      }
    }
  }

  @Test
  void everyTruncationAndExtensionIsReportedAsCorruption() throws IOException {
    byte[] good = FORMAT.encode(FileFormatTest::writeSample);
    for (int len = 0; len < good.length; len++) {
      byte[] cut = Arrays.copyOf(good, len);
      String name = "cut-" + len;
      assertCorrupt(name, () -> FORMAT.decode(name, cut, FileFormatTest::readSample));
      assertCorrupt(
          name, () -> FORMAT.read(ChecksumInput.of(name, cut), FileFormatTest::readSample));
    }
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertCorrupt("extended", () -> FORMAT.decode("extended", longer, FileFormatTest::readSample));
  }

  @Test
  void wrongFormatNameIsCorruptionNamingBoth() throws IOException {
    byte[] other = FileFormat.of("thermo.other", 1, 1).encode(FileFormatTest::writeSample);
    CorruptFileException e =
        assertCorrupt("other", () -> FORMAT.decode("other", other, FileFormatTest::readSample));
    assertThat(e).hasMessageContaining("thermo.other").hasMessageContaining("thermo.test");
    assertThat(e.offset()).isEqualTo(4);
  }

  @Test
  void foreignFileIsCorruption() {
    byte[] text = "hello, this is not a thermocline file".getBytes();
    CorruptFileException e =
        assertCorrupt("text", () -> FORMAT.read(ChecksumInput.of("text", text), (in, v) -> v));
    assertThat(e.file()).isEqualTo("text");
  }

  @Test
  void versionTooNewOrTooOldIsAVersionErrorWhenTheChecksumPasses() throws IOException {
    FileFormat future = FileFormat.of("thermo.test", VERSION_START, VERSION_CURRENT + 1);
    byte[] newer = future.encode(FileFormatTest::writeSample);
    Throwable tooNew =
        catchThrowable(() -> FORMAT.decode("new", newer, FileFormatTest::readSample));
    assertThat(tooNew).isInstanceOf(FormatVersionException.class);
    assertThat(((FormatVersionException) tooNew).code()).isEqualTo(ErrorCode.FORMAT_TOO_NEW);
    assertThat(tooNew).hasMessageContaining("new").hasMessageContaining("version 3");
    // Streaming: the version error survives the footer check, which notes the checksum passed.
    Throwable streamed =
        catchThrowable(
            () -> FORMAT.read(ChecksumInput.of("new", newer), FileFormatTest::readSample));
    assertThat(streamed).isInstanceOf(FormatVersionException.class);
    assertThat(streamed.getSuppressed()[0]).hasMessageContaining("checksum passed");

    FileFormat modern = FileFormat.of("thermo.test", VERSION_LABELS, VERSION_LABELS);
    ChecksumOutput out = ChecksumOutput.toMemory("old");
    FORMAT.writeHeader(out, VERSION_START);
    out.writeLong(7);
    out.writeDouble(1.5);
    out.writeFooter();
    byte[] v1 = out.toByteArray();
    assertThat(FORMAT.decode("v1", v1, FileFormatTest::readSample))
        .isEqualTo(new Sample(7, 1.5, List.of()));
    Throwable tooOld = catchThrowable(() -> modern.decode("v1", v1, FileFormatTest::readSample));
    assertThat(((FormatVersionException) tooOld).code()).isEqualTo(ErrorCode.FORMAT_TOO_OLD);
  }

  @Test
  void priorErrorIsRethrownWhenTheFileIsIntact() throws IOException {
    byte[] good = FORMAT.encode(FileFormatTest::writeSample);
    assertThatThrownBy(
            () ->
                FORMAT.read(
                    ChecksumInput.of("good", good),
                    (in, v) -> {
                      in.readLong();
                      throw new IllegalStateException("reader bug");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("reader bug")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
  }

  @Test
  void readerThatStopsEarlyIsCaught() throws IOException {
    byte[] good = FORMAT.encode(FileFormatTest::writeSample);
    CorruptFileException e =
        assertCorrupt("early", () -> FORMAT.decode("early", good, (in, v) -> in.readLong()));
    assertThat(e).hasMessageContaining("unread bytes");
  }

  @Test
  void hugeLengthFieldIsCorruptionNotOutOfMemory() throws IOException {
    byte[] bytes =
        FORMAT.encode(
            out -> {
              out.writeVLong(1L << 40);
              out.writeBytes(new byte[10]);
            });
    CorruptFileException e =
        assertCorrupt(
            "huge", () -> FORMAT.read(ChecksumInput.of("huge", bytes), (in, v) -> in.readString()));
    // The file itself is intact, so the reader's own error is the one reported.
    assertThat(e).hasMessageContaining("string length 1099511627776");
    assertThat(e.offset()).isEqualTo(FORMAT.headerLength());
  }

  @Test
  void failedAtomicWriteKeepsTheOldFileAndRemovesTheTemporary(@TempDir Path dir)
      throws IOException {
    FileIO io = LocalFileIO.INSTANCE;
    String path = dir.resolve("manifest").toString();
    FORMAT.writeAtomically(io, path, FileFormatTest::writeSample);
    byte[] before = io.readAll(path);
    assertThatThrownBy(
            () ->
                FORMAT.writeAtomically(
                    io,
                    path,
                    out -> {
                      out.writeBytes(new byte[100_000]);
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");
    assertThat(io.readAll(path)).isEqualTo(before);
    assertThat(Files.list(dir))
        .extracting(p -> p.getFileName().toString())
        .containsOnly("manifest");
  }

  @Test
  void headerCanBeReadFromAFileWithoutFooter(@TempDir Path dir) throws IOException {
    FileIO io = LocalFileIO.INSTANCE;
    String path = dir.resolve("segment").toString();
    try (ChecksumOutput out = ChecksumOutput.to(io.create(path))) {
      FORMAT.writeHeader(out);
      out.writeLong(99);
    }
    try (ChecksumInput in = ChecksumInput.openWithoutFooter(io.open(path))) {
      assertThat(FORMAT.readHeader(in)).isEqualTo(VERSION_CURRENT);
      assertThat(in.readLong()).isEqualTo(99);
      assertThat(in.remaining()).isZero();
    }
  }

  @Test
  void rejectsBadFormatDeclarations() {
    assertThatThrownBy(() -> FileFormat.of("", 1, 1)).hasMessageContaining("1..255");
    assertThatThrownBy(() -> FileFormat.of("x".repeat(256), 1, 1)).hasMessageContaining("1..255");
    assertThatThrownBy(() -> FileFormat.of("x", 2, 1)).hasMessageContaining("[2, 1]");
  }

  private static CorruptFileException assertCorrupt(String name, ThrowingCall call) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).as(name).isInstanceOf(CorruptFileException.class);
    CorruptFileException e = (CorruptFileException) t;
    assertThat(e.file()).as(name).isEqualTo(name);
    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
    return e;
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws Exception;
  }
}
