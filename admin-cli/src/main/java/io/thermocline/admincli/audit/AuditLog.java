package io.thermocline.admincli.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The append-only audit log {@code <data>/security/audit.log}: one JSON object per line ({@link
 * AuditEntry}), forced to disk before the action's response goes out, so an acknowledged action is
 * always on record. It is a log that grows, not a file replaced whole, hence JSON lines instead of
 * the checksummed format: a torn last line after a crash is skipped when reading.
 *
 * <p>Concurrency: appends serialize on this object's monitor.
 */
public final class AuditLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;

  private AuditLog(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens (creating) the audit log of {@code dataDirectory}. */
  public static AuditLog open(Path dataDirectory) {
    Path file = dataDirectory.resolve("security").resolve("audit.log");
    try {
      Files.createDirectories(file.getParent());
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new AuditLog(file, ch);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot open the audit log " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** Appends and forces one entry. */
  public synchronized void record(AuditEntry entry) {
    try {
      byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot append to the audit log " + file + ": " + e.getMessage(), e);
    }
  }

  /** The newest {@code limit} entries, oldest first; unreadable (torn) lines are skipped. */
  public List<AuditEntry> tail(int limit) {
    Deque<AuditEntry> last = new ArrayDeque<>();
    synchronized (this) {
      try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
        lines.forEach(
            l -> {
              try {
                last.addLast(JSON.readValue(l, AuditEntry.class));
                if (last.size() > limit) {
                  last.removeFirst();
                }
              } catch (IOException torn) {
                // a line cut by a crash: the entries around it are still good
              }
            });
      } catch (IOException e) {
        throw new ThermoException(
            ErrorCode.IO_ERROR, "cannot read the audit log " + file + ": " + e.getMessage(), e);
      }
    }
    return new ArrayList<>(last);
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // every entry was forced when written; nothing is lost by a failing close
    }
  }
}
