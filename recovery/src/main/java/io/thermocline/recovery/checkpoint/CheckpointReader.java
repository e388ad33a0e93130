package io.thermocline.recovery.checkpoint;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.FormatVersionException;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.format.ChecksumInput;
import io.thermocline.common.format.FileFormat;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.ReadableFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A verified view of a checkpoint file's index; reads sections on demand, each checked against its
 * CRC32C ({@link #readSection} before returning, {@link #openSection} at the end of the stream).
 * Immutable and thread-safe: every read opens its own file handle, so sections can be loaded in
 * parallel. Holds no open file.
 */
public final class CheckpointReader {
  private final FileIO io;
  private final String path;
  private final Map<String, CheckpointSection> sections;

  private CheckpointReader(FileIO io, String path, Map<String, CheckpointSection> sections) {
    this.io = io;
    this.path = path;
    this.sections = sections;
  }

  static CheckpointReader open(FileIO io, String path) throws IOException {
    checkHeader(io, path);
    try (ReadableFile file = io.open(path)) {
      long length = file.length();
      int headerLength = CheckpointFile.FORMAT.headerLength();
      int tail = CheckpointFile.TRAILER_LENGTH + FileFormat.FOOTER_LENGTH;
      if (length < headerLength + 4 + tail) {
        throw new CorruptFileException(
            path, length, "checkpoint of " + length + " bytes is too short (truncated?)");
      }
      ByteBuffer end = ByteBuffer.wrap(read(file, length - tail, tail));
      long indexOffset = end.getLong();
      int indexLength = end.getInt();
      int indexCrc = end.getInt();
      int footerMagic = end.getInt();
      if (footerMagic != FileFormat.FOOTER_MAGIC) {
        throw new CorruptFileException(
            path, length - FileFormat.FOOTER_LENGTH, "no footer (truncated or extended?)");
      }
      if (indexOffset < headerLength
          || indexLength < 4
          || indexOffset + indexLength != length - tail) {
        throw new CorruptFileException(
            path,
            length - tail,
            "trailer points at an index of "
                + indexLength
                + " bytes at offset "
                + indexOffset
                + ", which does not end where the trailer starts");
      }
      byte[] index = read(file, indexOffset, indexLength);
      CRC32C crc = new CRC32C();
      crc.update(index, 0, index.length);
      if ((int) crc.getValue() != indexCrc) {
        throw new CorruptFileException(path, indexOffset, "section index checksum mismatch");
      }
      return new CheckpointReader(io, path, parseIndex(path, index, indexOffset, headerLength));
    }
  }

  /** The file's path. */
  public String path() {
    return path;
  }

  /** The sections in file order. */
  public List<CheckpointSection> sections() {
    return new ArrayList<>(sections.values());
  }

  public boolean has(String name) {
    return sections.containsKey(name);
  }

  /** A section's bytes, verified against its checksum before they are returned. */
  public byte[] readSection(String name) {
    CheckpointSection s = section(name);
    if (s.length() > Integer.MAX_VALUE - 16) {
      throw new ThermoException(
          ErrorCode.UNSUPPORTED,
          "section '" + name + "' of " + path + " is too large to read whole; use openSection");
    }
    try (ReadableFile file = io.open(path)) {
      byte[] bytes = read(file, s.offset(), (int) s.length());
      CRC32C crc = new CRC32C();
      crc.update(bytes, 0, bytes.length);
      checkSection(s, (int) crc.getValue());
      return bytes;
    } catch (IOException e) {
      throw ioError(e);
    }
  }

  /**
   * Streams a section. The checksum is checked when the end is reached: the read that would return
   * end-of-stream throws {@link CorruptFileException} instead if the bytes were damaged, so a
   * consumer must read to the end before it trusts what it read.
   */
  public InputStream openSection(String name) {
    CheckpointSection s = section(name);
    try {
      return new SectionInput(io.open(path), s);
    } catch (IOException e) {
      throw ioError(e);
    }
  }

  /** Checks the whole-file footer and every section's checksum. */
  public void verify() {
    try {
      FileFormat.verifyChecksum(io.open(path));
      byte[] buffer = new byte[64 * 1024];
      for (CheckpointSection s : sections.values()) {
        try (InputStream in = new SectionInput(io.open(path), s)) {
          while (in.read(buffer, 0, buffer.length) >= 0) {
            // Reading to the end is what checks the section.
          }
        }
      }
    } catch (IOException e) {
      throw ioError(e);
    }
  }

  private CheckpointSection section(String name) {
    CheckpointSection s = sections.get(name);
    if (s == null) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "checkpoint " + path + " has no section '" + name + "'; it has " + sections.keySet());
    }
    return s;
  }

  private void checkSection(CheckpointSection s, int actual) {
    if (actual != s.crc32c()) {
      throw new CorruptFileException(
          path,
          s.offset(),
          "section '"
              + s.name()
              + "' checksum mismatch (index says 0x"
              + Integer.toHexString(s.crc32c())
              + ", data has 0x"
              + Integer.toHexString(actual)
              + ")");
    }
  }

  private ThermoException ioError(IOException e) {
    return new ThermoException(
        ErrorCode.IO_ERROR, "reading checkpoint " + path + " failed: " + e.getMessage(), e);
  }

  /** Header check; a version out of range is reported only if the whole file's checksum passes. */
  private static void checkHeader(FileIO io, String path) throws IOException {
    try (ChecksumInput in = ChecksumInput.open(io.open(path))) {
      try {
        CheckpointFile.FORMAT.readHeader(in);
      } catch (FormatVersionException e) {
        FileFormat.checkFooter(in, e);
      }
    }
  }

  private static Map<String, CheckpointSection> parseIndex(
      String path, byte[] index, long indexOffset, long firstOffset) {
    ByteBuffer in = ByteBuffer.wrap(index);
    Map<String, CheckpointSection> out = new LinkedHashMap<>();
    long expectedOffset = firstOffset;
    try {
      int count = in.getInt();
      if (count < 0 || count > index.length / 22) {
        throw new CorruptFileException(path, indexOffset, "index claims " + count + " sections");
      }
      for (int i = 0; i < count; i++) {
        long at = indexOffset + in.position();
        byte[] name = new byte[in.getShort() & 0xFFFF];
        in.get(name);
        CheckpointSection s =
            new CheckpointSection(
                new String(name, StandardCharsets.UTF_8), in.getLong(), in.getLong(), in.getInt());
        if (s.offset() != expectedOffset || s.length() < 0 || out.containsKey(s.name())) {
          throw new CorruptFileException(
              path, at, "index entry of section '" + s.name() + "' is inconsistent");
        }
        expectedOffset += s.length();
        out.put(s.name(), s);
      }
    } catch (BufferUnderflowException e) {
      throw new CorruptFileException(path, indexOffset, "section index ends early", e);
    }
    if (expectedOffset != indexOffset || in.hasRemaining()) {
      throw new CorruptFileException(
          path, indexOffset, "sections end at " + expectedOffset + ", not where the index starts");
    }
    return out;
  }

  private static byte[] read(ReadableFile file, long offset, int length) throws IOException {
    byte[] b = new byte[length];
    file.readFully(offset, b, 0, length);
    return b;
  }

  /** A section's bytes as a buffered stream, checked against its CRC32C at the end. */
  private final class SectionInput extends InputStream {
    private final ReadableFile file;
    private final CheckpointSection section;
    private final CRC32C crc = new CRC32C();
    private final byte[] buffer;
    private long filled;
    private int bufferPos;
    private int bufferLength;
    private boolean checked;

    SectionInput(ReadableFile file, CheckpointSection section) {
      this.file = file;
      this.section = section;
      this.buffer = new byte[(int) Math.min(64 * 1024, Math.max(1, section.length()))];
    }

    @Override
    public int read() throws IOException {
      if (bufferPos == bufferLength && !fill()) {
        return -1;
      }
      return buffer[bufferPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (bufferPos == bufferLength && !fill()) {
        return -1;
      }
      int n = Math.min(len, bufferLength - bufferPos);
      System.arraycopy(buffer, bufferPos, b, off, n);
      bufferPos += n;
      return n;
    }

    /** Reads the next chunk; at the end, checks the checksum and returns false. */
    private boolean fill() throws IOException {
      long left = section.length() - filled;
      if (left == 0) {
        if (!checked) {
          checkSection(section, (int) crc.getValue());
          checked = true;
        }
        return false;
      }
      int n = (int) Math.min(buffer.length, left);
      file.readFully(section.offset() + filled, buffer, 0, n);
      crc.update(buffer, 0, n);
      filled += n;
      bufferPos = 0;
      bufferLength = n;
      return true;
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
