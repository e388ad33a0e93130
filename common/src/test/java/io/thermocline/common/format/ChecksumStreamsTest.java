package io.thermocline.common.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.LocalFileIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumStreamsTest {
  private static final FileFormat FORMAT = FileFormat.of("thermo.stream-test", 1, 1);

  @Test
  void primitivesRoundTrip() throws IOException {
    long[] vlongs = {0, 1, 127, 128, 16_383, 16_384, -1, Long.MIN_VALUE, Long.MAX_VALUE};
    byte[] bytes =
        FORMAT.encode(
            out -> {
              out.writeByte(0xAB);
              out.writeShort(-2);
              out.writeInt(Integer.MIN_VALUE);
              out.writeLong(Long.MAX_VALUE);
              out.writeDouble(Double.NaN);
              for (long v : vlongs) {
                out.writeVLong(v);
              }
              out.writeString("日本\uD83D\uDE00");
            });
    FORMAT.decode(
        "p",
        bytes,
        (in, v) -> {
          assertThat(in.readByte()).isEqualTo((byte) 0xAB);
          assertThat(in.readShort()).isEqualTo((short) -2);
          assertThat(in.readInt()).isEqualTo(Integer.MIN_VALUE);
          assertThat(in.readLong()).isEqualTo(Long.MAX_VALUE);
          assertThat(in.readDouble()).isNaN();
          for (long x : vlongs) {
            assertThat(in.readVLong()).isEqualTo(x);
          }
          assertThat(in.readString()).isEqualTo("日本\uD83D\uDE00");
          return null;
        });
  }

  @Test
  void largeBodiesCrossBufferBoundaries(@TempDir Path dir) throws IOException {
    long seed = Long.getLong("thermo.seed", System.nanoTime());
    System.out.println("[thermo.seed] ChecksumStreamsTest seed=" + seed);
    Random random = new Random(seed);
    byte[] data = new byte[300_000];
    random.nextBytes(data);
    String path = dir.resolve("big").toString();
    FORMAT.write(
        LocalFileIO.INSTANCE,
        path,
        out -> {
          int at = 0;
          while (at < data.length) {
            int n = Math.min(data.length - at, random.nextInt(100_000));
            out.writeBytes(data, at, n);
            at += n;
          }
        });
    byte[] back =
        FORMAT.read(
            LocalFileIO.INSTANCE,
            path,
            (in, v) -> {
              byte[] b = new byte[data.length];
              int at = 0;
              while (at < b.length) {
                int n = Math.min(b.length - at, 1 + random.nextInt(70_000));
                in.readBytes(b, at, n);
                at += n;
              }
              return b;
            });
    assertThat(back).as("seed %d", seed).isEqualTo(data);
    assertThat(LocalFileIO.INSTANCE.length(path))
        .isEqualTo(FORMAT.headerLength() + data.length + FileFormat.FOOTER_LENGTH);
  }

  @Test
  void readsStopAtTheFooter() throws IOException {
    byte[] bytes = FORMAT.encode(out -> out.writeInt(5));
    try (ChecksumInput in = ChecksumInput.of("f", bytes)) {
      FORMAT.readHeader(in);
      in.readInt();
      assertThatThrownBy(in::readByte)
          .isInstanceOf(CorruptFileException.class)
          .hasMessageContaining("past the end of the data");
    }
  }

  @Test
  void noWritesAfterTheFooter() throws IOException {
    ChecksumOutput out = ChecksumOutput.toMemory("m");
    out.writeFooter();
    assertThatThrownBy(() -> out.writeByte(1)).isInstanceOf(ThermoException.class);
    assertThat(out.position()).isEqualTo(FileFormat.FOOTER_LENGTH);
  }
}
