package io.thermocline.common.format;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.CorruptFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming footer check agrees with {@link FileFormat#verifyChecksum} whatever the chunking:
 * an intact file passes, a flipped byte anywhere (footer included) or a cut end is reported.
 */
class FooterCheckTest {
  private static final FileFormat FORMAT = FileFormat.of("thermo.footer-check", 1, 1);

  @Test
  void intactFilesPassAndEveryFlippedByteOrCutIsReportedInAnyChunking() throws IOException {
    long seed = Long.getLong("thermo.seed", System.nanoTime());
    System.out.println("[thermo.seed] FooterCheckTest seed=" + seed);
    Random r = new Random(seed);
    for (int round = 0; round < 200; round++) {
      byte[] body = new byte[r.nextInt(round < 20 ? 16 : 5_000)];
      r.nextBytes(body);
      byte[] file = FORMAT.encode(out -> out.writeBytes(body));
      assertThatCode(() -> check(file, r))
          .as("seed %d round %d", seed, round)
          .doesNotThrowAnyException();
      byte[] damaged = file.clone();
      int at = r.nextInt(file.length);
      damaged[at] ^= (byte) (1 << r.nextInt(8));
      assertThatThrownBy(() -> check(damaged, r))
          .as("seed %d round %d, byte %d flipped", seed, round, at)
          .isInstanceOf(CorruptFileException.class)
          .hasMessageContaining("f.thrm");
      byte[] cut = Arrays.copyOf(file, r.nextInt(file.length));
      assertThatThrownBy(() -> check(cut, r))
          .as("seed %d round %d, cut at %d", seed, round, cut.length)
          .isInstanceOf(CorruptFileException.class);
    }
  }

  /** Feeds {@code file} in random chunks, some of a byte, some larger than the footer. */
  private static void check(byte[] file, Random r) {
    FooterCheck check = new FooterCheck("f.thrm");
    int pos = 0;
    while (pos < file.length) {
      int n = Math.min(file.length - pos, r.nextBoolean() ? 1 + r.nextInt(9) : 1 + r.nextInt(700));
      ByteBuffer chunk = ByteBuffer.wrap(file, pos, n);
      check.update(chunk);
      if (chunk.position() != pos) {
        throw new AssertionError("update consumed the buffer");
      }
      pos += n;
    }
    check.finish();
  }
}
