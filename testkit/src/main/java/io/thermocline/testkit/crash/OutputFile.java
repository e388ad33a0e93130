package io.thermocline.testkit.crash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One output stream of a {@link ChildJvm}, redirected to a file and cut into lines as it grows:
 * {@link #readNewLines} takes the complete lines written since the last call, {@link #readToEnd}
 * (once the child is dead) also the last line without its newline. Concurrency: the reading calls
 * come from one thread at a time (the tailer, then the thread that saw the child exit, after
 * joining the tailer); {@link #lines} may be called from any thread.
 */
final class OutputFile {
  private final Path path;
  private final List<String> lines = new ArrayList<>();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
  private long position;

  OutputFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** A copy of the lines read so far. */
  synchronized List<String> lines() {
    return new ArrayList<>(lines);
  }

  /** Appends the complete lines written since the last read. */
  void readNewLines() {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ch.position(position);
      for (int n = ch.read(buffer); n > 0; n = ch.read(buffer)) {
        position += n;
        buffer.flip();
        while (buffer.hasRemaining()) {
          byte b = buffer.get();
          if (b == '\n') {
            add(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
          } else {
            partial.write(b);
          }
        }
        buffer.clear();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the child's output " + path, e);
    }
  }

  /** Reads the rest, the last line even without a newline: the writer is gone. */
  void readToEnd() {
    readNewLines();
    if (partial.size() > 0) {
      add(partial.toString(StandardCharsets.UTF_8));
      partial.reset();
    }
  }

  private synchronized void add(String line) {
    lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
  }

  void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A temporary file left behind costs nothing; the test's outcome does not depend on it.
    }
  }
}
