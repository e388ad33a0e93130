package io.thermocline.recovery.checkpoint;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.format.ChecksumOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Adds sections to a checkpoint file being written by {@link CheckpointFile#write}. Sections are
 * written back to back, each streamed through its own CRC32C; one section is open at a time.
 * Single-threaded: used by the thread that called {@link CheckpointFile#write}.
 */
public final class CheckpointWriter {
  static final int MAX_NAME_BYTES = 1024;

  private final ChecksumOutput out;
  private final List<CheckpointSection> sections = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private SectionOutput open;

  CheckpointWriter(ChecksumOutput out) {
    this.out = out;
  }

  /** Writes a whole section. */
  public void section(String name, byte[] bytes) throws IOException {
    try (OutputStream s = openSection(name)) {
      s.write(bytes);
    }
  }

  /** Starts a section; its bytes go to the returned stream, which must be closed to end it. */
  public OutputStream openSection(String name) throws IOException {
    if (open != null) {
      throw new ThermoException(
          ErrorCode.INTERNAL,
          "section '" + open.name + "' of " + out.path() + " is still open; close it first");
    }
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    if (utf8.length == 0 || utf8.length > MAX_NAME_BYTES || !names.add(name)) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "checkpoint section name '"
              + name
              + "' is empty, longer than "
              + MAX_NAME_BYTES
              + " bytes or used twice in "
              + out.path());
    }
    open = new SectionOutput(name, out.position());
    return open;
  }

  /** The sections written so far, in file order. */
  List<CheckpointSection> sections() {
    if (open != null) {
      throw new ThermoException(
          ErrorCode.INTERNAL, "section '" + open.name + "' of " + out.path() + " was never closed");
    }
    return List.copyOf(sections);
  }

  private final class SectionOutput extends OutputStream {
    private final String name;
    private final long offset;
    private final CRC32C crc = new CRC32C();
    private final byte[] one = new byte[1];
    private long length;
    private boolean closed;

    SectionOutput(String name, long offset) {
      this.name = name;
      this.offset = offset;
    }

    @Override
    public void write(int b) throws IOException {
      one[0] = (byte) b;
      write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("section '" + name + "' of " + out.path() + " is closed");
      }
      crc.update(b, off, len);
      out.writeBytes(b, off, len);
      length += len;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        sections.add(new CheckpointSection(name, offset, length, (int) crc.getValue()));
        open = null;
      }
    }
  }
}
