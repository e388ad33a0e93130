package io.thermocline.coldstore.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The reads parquet calls, derived from one positioned read: short reads are retried, positions
 * advance exactly, end of file is -1 or an error naming the position; and the tail-serving stream
 * joins file bytes and verified tail bytes without a seam.
 */
class PositionedInputStreamTest {
  private static final byte[] DATA = new byte[100];

  static {
    for (int i = 0; i < DATA.length; i++) {
      DATA[i] = (byte) (i * 7 + 3);
    }
  }

  /** Serves {@code bytes}, at most {@code step} bytes per read, as a slow file would. */
  private static final class ShortReads extends PositionedInputStream {
    private final byte[] bytes;
    private final int step;
    boolean closed;

    ShortReads(byte[] bytes, int step) {
      this.bytes = bytes;
      this.step = step;
    }

    @Override
    protected int readAt(long pos, byte[] b, int off, int len) {
      if (pos >= bytes.length) {
        return -1;
      }
      int n = (int) Math.min(Math.min(len, step), bytes.length - pos);
      System.arraycopy(bytes, (int) pos, b, off, n);
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void everyReadKindSeesTheSameBytes() throws IOException {
    try (ShortReads in = new ShortReads(DATA, 7)) {
      in.seek(10);
      assertThat(in.read()).isEqualTo(DATA[10] & 0xFF);
      byte[] b = new byte[30];
      in.readFully(b);
      assertThat(b).isEqualTo(Arrays.copyOfRange(DATA, 11, 41));
      assertThat(in.getPos()).isEqualTo(41);

      ByteBuffer heap = ByteBuffer.allocate(20);
      in.readFully(heap);
      assertThat(heap.array()).isEqualTo(Arrays.copyOfRange(DATA, 41, 61));

      ByteBuffer direct = ByteBuffer.allocateDirect(20);
      in.readFully(direct);
      byte[] got = new byte[20];
      direct.flip().get(got);
      assertThat(got).isEqualTo(Arrays.copyOfRange(DATA, 61, 81));
      assertThat(in.getPos()).isEqualTo(81);

      assertThat(in.read(new byte[0], 0, 0)).isZero();
      in.seek(DATA.length);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.read(ByteBuffer.allocate(4))).isEqualTo(-1);
    }
  }

  @Test
  void aReadPastTheEndNamesThePosition() {
    ShortReads in = new ShortReads(DATA, 7);
    in.seek(90);
    assertThatThrownBy(() -> in.readFully(new byte[20]))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("file ends at 100 with 10 bytes unread");
  }

  @Test
  void theTailComesFromVerifiedBytesAndTheRestFromTheFile() throws IOException {
    byte[] tail = Arrays.copyOfRange(DATA, 60, 100);
    // The file's own tail bytes are wrong: only the verified copy may be served.
    byte[] file = DATA.clone();
    Arrays.fill(file, 60, 100, (byte) 0);
    ShortReads fileIn = new ShortReads(file, 9);
    try (TailServingInputStream in = new TailServingInputStream(fileIn, tail, 60)) {
      in.seek(50);
      byte[] across = new byte[50];
      in.readFully(across);
      assertThat(across).isEqualTo(Arrays.copyOfRange(DATA, 50, 100));
      assertThat(in.read()).isEqualTo(-1);
      in.seek(59);
      assertThat(in.read()).isEqualTo(DATA[59] & 0xFF);
      assertThat(in.read()).isEqualTo(DATA[60] & 0xFF);
    }
    assertThat(fileIn.closed).isTrue();
  }
}
